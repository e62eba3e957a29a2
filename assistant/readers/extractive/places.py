"""Where-answers: whether a place named in a sentence is where the act asked about happened, by the word
it attaches to ("the meeting in Moscow", "tensions in Syria"), the place the question asks within ("which
town in Idlib") and how many places it asks for ("which two countries")."""

from __future__ import annotations

import re

from assistant.language.places import LOCATIVE
from assistant.readers.extractive.spans import DATE_WORDS, Candidate
from assistant.language.lexicon import NUMBER_WORDS, STOPWORDS, stem
from assistant.language.meaning import capital_countries
from assistant.question.analyse import PLACE_NOUNS, Question
from assistant.language.wordnet import noun_net, sense_net

_PLACE_NOUN = re.compile(PLACE_NOUNS, re.I)
#: "which town in Idlib": the place the answer must be in
_WITHIN = re.compile(rf"\b(?i:which|what)\s+(?:[\w-]+\s+){{0,2}}?(?i:{PLACE_NOUNS})\s+in\s+([A-Z][\w'’-]+)")
ONE_OF_SEVERAL = 0.5  # weight of one name where the question asks for several ("which two countries")
_JOINED = re.compile(r",?\s+and\s+|,\s+")  # between names given together


def word_before_place(before: str) -> str | None:
    """The word a place named with "in"/"at" attaches to ("meeting" in "… the meeting in Moscow"), given
    the text ``before`` the place; None where no such preposition comes right before it."""
    attached = attached_word(before)
    return attached[2] if attached else None


_LAST_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*(?=\W*$)")  # a hyphenated compound whole: "one-to-one"


def attached_word(before: str) -> tuple[int, int, str] | None:
    """:func:`word_before_place` with where that word is in ``before`` (start, end, word)."""
    rest = LOCATIVE.sub("", before)
    attached = _LAST_WORD.search(rest) if rest != before else None
    return (attached.start(), attached.end(), attached.group(0)) if attached else None


def only_a_thing(word: str) -> bool:
    """Is ``word`` a noun and nothing else in WordNet, naming a thing other than a time or a place
    ("tensions"; not "meeting", "talks", "held", "Thursday", "province")?"""
    nouns, senses = noun_net(), sense_net()
    return (nouns is not None and senses is not None and nouns.knows(word) and not senses.knows(word)
            and word.lower() not in STOPWORDS and not DATE_WORDS.match(word) and not _PLACE_NOUN.fullmatch(word))


def _is_continent(name: str) -> bool:
    nouns = noun_net()
    return nouns is not None and nouns.kind_of(name, "continent")


def asked_within(question: Question) -> str | None:
    """The country a place asked for must be in ("Which town in Idlib …": Idlib); None where the question
    names none, or names a continent (a continent is no capital's country)."""
    within = _WITHIN.search(question.text)
    return None if within is None or _is_continent(within.group(1)) else within.group(1)


def capital_outside(within: str, name: str) -> bool:
    """Is ``name`` a national capital outside ``within`` (Ankara and Moscow are not in Idlib; Moscow is in
    Russia)?"""
    countries = capital_countries([name])
    return bool(countries) and stem(within) not in countries


def weigh_by_number_asked(question: Question, candidates: list[Candidate], noun: str) -> None:
    """"Which two countries …" is answered by two places named together ("Greece and Bulgaria"): one
    name alone weighs half; and a continent is no country ("a path to Europe")."""
    first = (question.target or "").split()[:1]
    asked = NUMBER_WORDS.get(first[0].lower(), 1) if first else 1
    for c in candidates:
        named = 1 + len(_JOINED.findall(c.display))
        if asked > 1 and named != asked:
            c.score *= ONE_OF_SEVERAL
        if noun in ("country", "nation") and _is_continent(c.display):
            c.score *= ONE_OF_SEVERAL
