"""Do two words mean the same thing, or opposite things? WordNet first, word vectors (MiniLM) second.

WordNet knows that "troops" are "soldiers", "treasures" can mean "values" and "shut" is the opposite of
"open"; word vectors catch what it does not ("trip" and "visit" 0.66). Vectors also put different kinds of
one thing close together ("civilians" and "soldiers" 0.64), so where WordNet knows both nouns and does
not relate them, only a closer match counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from assistant.language.lexicon import IRREGULAR, NUMBER_WORDS, STOPWORDS, stem
from assistant.language.wordnet import noun_net, sense_net

#: ``similar(a, b)``: cosine similarity of two short texts (word meanings), or None when unavailable.
Similarity = Callable[[str, str], float]

CLOSE = 0.6  # word-vector similarity that counts as the same meaning
CLOSER = 0.7  # ... for two nouns WordNet knows and does not relate


def same_meaning(a: str, b: str, similar: Similarity | None = None) -> bool:
    """"troops"/"soldiers", "jets"/"planes", "values"/"treasures", "trip"/"visit": True; "civilians"/"soldiers": False."""
    if stem(a) == stem(b):
        return True
    nouns, senses = noun_net(), sense_net()
    if nouns is not None and nouns.related(a, b):
        return True
    if senses is not None and senses.synonyms(a, b):
        return True
    if similar is None:
        return False
    known = nouns is not None and nouns.knows(a) and nouns.knows(b)
    return similar(a, b) >= (CLOSER if known else CLOSE)


@lru_cache(maxsize=32_768)  # the same words meet again and again (question terms × sentence words)
def synonyms(a: str, b: str) -> bool:
    """Words that share a meaning in WordNet's commonest senses ("set up"/"establishing", "stop"/"halting");
    no kinds of things and no word vectors: the strict test."""
    senses, nouns = sense_net(), noun_net()
    return (senses is not None and senses.synonyms(a, b)) or (nouns is not None and nouns.synonyms(a, b))


@lru_cache(maxsize=16_384)
def kin(a: str, b: str) -> bool:
    """Two kinds of one thing, one step down from it ("gates"/"doors", "frontier"/"border"): a looser
    match than :func:`synonyms`, for sentences already close in meaning to the question."""
    nouns = noun_net()
    numbers = any(w.lower() in NUMBER_WORDS or w[:1].isdigit() for w in (a, b))  # "two" and "one" are digits
    return nouns is not None and not numbers and nouns.siblings(a, b)


@lru_cache(maxsize=16_384)
def same_act(a: str, b: str) -> bool:
    """Verbs for one act: synonyms, or one a way of doing the other ("fire"/"shot", "gunned down"/"shot")."""
    senses = sense_net()
    return senses is not None and (senses.synonyms(a, b) or senses.way_of(a, b) or senses.way_of(b, a))


def opposite(a: str, b: str) -> bool:
    """"close"/"open", "shut"/"open": True (verbs and adjectives WordNet marks as antonyms)."""
    senses = sense_net()
    return senses is not None and (senses.opposites(a, b) or senses.opposites(b, a))


def loosely_same(asked: str, said: str, similar: Similarity | None = None) -> bool:
    """Is the thing a sentence says something of the question's thing, where the sentence already says
    what the question asks of it: what someone avoids ("clashes") what the question asks whether they seek
    ("a fight", "a confrontation"); what lasts one day (a "visit") what is asked to last several (a "trip")?
    The same meaning, a kind of it in any of its senses (a rarer sense may be the one meant), or close word
    vectors, even for two nouns WordNet does not relate."""
    if same_meaning(asked, said, None):
        return True
    nouns = noun_net()
    if nouns is not None and (nouns.kind_in_some_sense(said, asked) or nouns.kind_in_some_sense(asked, said)):
        return True
    return similar is not None and similar(asked, said) >= CLOSE


def capital_countries(names: Iterable[str]) -> set[str]:
    """The stems of the countries whose capitals are among ``names`` ("Ankara" -> "turkey"): news writes
    a capital for its government."""
    nouns = noun_net()
    if nouns is None:
        return set()
    return {stem(country) for name in names if name[:1].isupper()
            for country in [nouns.country_of_capital(name)] if country is not None}


def compound_of(token: str, word: str) -> bool:
    """"airstrike" is a strike ("struck") and a hit: a longer word ending in the question's word, or in
    a synonym of it where both parts are words."""
    base = IRREGULAR.get(word.lower(), word.lower())
    token = token.lower()
    if len(base) >= 5 and len(token) > len(base) and (token.endswith(base) or token[:-1].endswith(base)):
        return True
    head = compound_head(token)
    return head is not None and synonyms(word, head)


@lru_cache(maxsize=16_384)
def compound_head(token: str) -> str | None:
    """The word a compound ends in, where both its parts are nouns WordNet knows and the compound is not
    ("airstrike" -> "strike"; "firefight" -> "fight"; "headquarters" and "ceasefire", a "cease-fire",
    -> None)."""
    nouns = noun_net()
    if nouns is None or len(token) < 8 or not token.isalpha() or nouns.knows(token):
        return None
    for cut in range(3, len(token) - 3):
        if nouns.knows(token[:cut]) and nouns.knows(token[cut:]):
            return None if nouns.knows(f"{token[:cut]}-{token[cut:]}") else token[cut:]
    return None


def means(word: str, token: str, similar: Similarity | None = None) -> bool:
    """Does the text's ``token`` say what the question's ``word`` says (the same word, a compound of it, or
    the same meaning)?"""
    return token.lower() not in STOPWORDS and (compound_of(token, word) or same_meaning(word, token, similar))
