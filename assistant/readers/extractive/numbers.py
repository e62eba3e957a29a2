"""Number answers: the counts in an evidence sentence that can answer a how-many question ("19 Syrian
troops"), matched to the noun the question counts and to what it says happened to them."""

from __future__ import annotations

import re

from assistant.readers.extractive.spans import DATE_WORDS, Candidate, predicate_stems, proximity
from assistant.dates.durations import UNITS
from assistant.evidence.sentences import Sentence
from assistant.language.clause import verbs_of
from assistant.language.lexicon import LIGHT_VERBS, NUMBER_WORDS, STOPWORDS, nations_of, stem, words
from assistant.language.meaning import CLOSE, Similarity, compound_of, same_act, same_meaning, synonyms
from assistant.question.analyse import DURATION, MONEY, Question
from assistant.dates.resolve import find_dates
from assistant.language.wordnet import noun_net

_NUMBER = re.compile(
    r"\b(?:(?:more than|over|about|around|nearly|almost|at least|close to|some|up to|fewer than|less than|roughly|"
    r"approximately|an estimated)\s+)?(?:\d[\d,]*(?:\.\d+)?|a dozen|dozens|hundreds|thousands|millions|a million|"
    r"a thousand|a hundred|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety)(?:\s+(?:million|billion|thousand|hundred|bn|m))?\b", re.I)
_MONEY = re.compile(r"[$€£¥]|\b(?:dollars?|euros?|pounds?|yen|yuan|rubles?|roubles?|lira|usd|eur|gbp)\b", re.I)


def number_value(text: str) -> float | None:
    lower = text.lower()
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", lower)
    if digits:
        value = float(digits.group(0).replace(",", ""))
    else:
        value = next((v for w, v in sorted(NUMBER_WORDS.items(), key=lambda kv: -len(kv[0])) if w in lower), None)
        if value is None:
            return None
    for word, scale in (("billion", 1e9), ("bn", 1e9), ("million", 1e6), ("thousand", 1e3), ("hundred", 1e2)):
        if re.search(rf"\b{word}\b", lower) and not lower.startswith(("a ", word)):
            value *= scale
    return value


def counted_phrase(text: str) -> list[tuple[int, int, str]]:
    """The noun phrase a number counts: "19 [Syrian troops] in drone strikes", "three of [Damascus' air
    defence systems]", "13,000 [refugees and migrants] have gathered"."""
    following = words(re.split(r"[,;.:!?()\"“”]", text, maxsplit=1)[0])
    if following and following[0][2].lower() == "of":
        following = following[1:]
        if following and following[0][2].lower() in ("the", "its", "their", "his", "her"):
            following = following[1:]
    phrase = []
    for s, e, w in following[:6]:
        if (w.lower() in STOPWORDS and w.lower() != "and") or w[0].isdigit():
            break
        phrase.append((s, e, w))
    while phrase and phrase[-1][2].lower() == "and":
        phrase.pop()
    return phrase


def _noun_match(target: list[str], phrase: list[str], similar: Similarity | None, context: set[str] = frozenset(),
                context_words: tuple[str, ...] | list[str] = ()) -> float:
    """How well the counted phrase names what the question counts: 1.0 exactly, 0.8 through a synonym
    or a kind of the head noun ("troops" for "soldiers", "planes" for "jets", "civilians" for "people"),
    0.0 when it is something else ("soldiers" for "civilians") or of another nation. Every other word of the target must be in
    the phrase ("Russian soldiers" never matches "Turkish troops"), or be said in the sentence: a name
    ("Syrian") in it (``context``: its stems), or a WordNet synonym among its words (``context_words``:
    "government" soldiers where the sentence speaks of the "regime")."""
    if not target:
        return 0.5
    stems = {stem(w) for w in phrase}
    head, modifiers = target[-1], [m for m in target[:-1] if m.lower() not in STOPWORDS]
    asked_nations, counted_nations = nations_of(modifiers), nations_of(phrase)
    if asked_nations and counted_nations and not asked_nations & counted_nations:
        return 0.0  # "Turkish soldiers" asked, "19 Syrian troops" counted
    unmatched = [m for m in modifiers if stem(m) not in stems and not (m[:1].isupper() and stem(m) in context)
                 and not any(synonyms(m, w) for w in (*phrase, *context_words))
                 and not any(_kind_of(m, w) for w in phrase)]
    if unmatched and not _modifiers_alike(unmatched, phrase, head, similar):
        return 0.0
    if stem(head) in stems:
        return 0.8 if unmatched else 1.0
    # ... or the asked noun is a compound of the counted one ("warplanes" asked, "two regime planes" counted)
    return 0.8 if any(same_meaning(head, w, similar) or compound_of(head, w) for w in phrase) else 0.0


def _kind_of(modifier: str, word: str) -> bool:
    """"monitoring" posts are "observation" posts: a noun modifier that is a kind of the phrase's own
    (WordNet, commonest senses; not names)."""
    nouns = noun_net()
    return (nouns is not None and not modifier[:1].isupper() and not word[:1].isupper()
            and nouns.kind_of(modifier, word))


def _modifiers_alike(unmatched: list[str], phrase: list[str], head: str, similar: Similarity | None) -> bool:
    """Do the target's modifiers no word of the phrase says, taken together, mean what the phrase's own
    modifiers do ("anti-aircraft" and "air defence" systems: word vectors 0.61)? Names and nationalities
    are not modifiers of that kind."""
    own = [w for w in phrase if stem(w) != stem(head) and not w[:1].isupper() and w.lower() not in STOPWORDS]
    if similar is None or not own or any(w[:1].isupper() for w in unmatched):
        return False
    return similar(" ".join(unmatched), " ".join(own)) >= CLOSE


def counting_verbs(question: Question) -> set[str]:
    """What a how-many question says happened to the things counted ("killed" in "how many civilians were
    killed"): its words other than the counted noun, names and dates."""
    target = question.target_stems | _coordinated_with_target(question)
    return {s for s in predicate_stems(question) if s not in target and not DATE_WORDS.match(s)}


def _coordinated_with_target(question: Question) -> set[str]:
    """"migrants" in "how many refugees and migrants …": counted along with the target, no act."""
    if not question.target:
        return set()
    last = re.escape(question.target.split()[-1])
    return {stem(m.group(1)) for m in re.finditer(rf"\b{last}\s+(?:and|or)\s+([\w'’-]+)", question.text, re.I)}


def casualty_kinds(stems: set[str]) -> set[str]:
    """What these words say happened to people: "dead" ("killed", "deaths"), "wounded" ("injured"),
    "captured"; news counts each apart, and one is no answer to another."""
    return {kind for kind, said in CASUALTIES.items() if said & stems}


def counted_acts(question: Question, verbs: set[str]) -> set[str]:
    """The verbs among ``verbs`` that say what happened to the things counted ("wounded" in "how many
    soldiers were wounded in the airstrike that killed 34": not "killed", which says which airstrike)."""
    return {stem(v) for v in verbs_of(question.text, describing=False)} & verbs - LIGHT_VERBS


#: The kinds of casualty news counts apart, by the stems that say them
CASUALTIES = {"dead": {stem(w) for w in ("kill", "killed", "die", "died", "death", "dead", "fatal", "perish", "toll")},
              "wounded": {stem(w) for w in ("wound", "wounded", "injure", "injured", "injury", "hurt")},
              "captured": {stem(w) for w in ("capture", "captured", "arrest", "arrested", "detain", "detained")}}

_PARTICLE = r"\s+(up|down|out|off|in|over|back)\b"


def _says_verb(question: Question, verbs: set[str], sentence: Sentence) -> bool:
    """Does the sentence say one of the question's verbs: the same act or a way of doing it (WordNet only,
    as the where-reader's act check does before word vectors: "establishing" for "set up")?"""
    for verb in verbs:
        word = question.terms.get(verb, verb)  # a phrasal verb the question analysis found: "set up"
        particle = None if " " in word else re.search(rf"\b{re.escape(word)}{_PARTICLE}", question.text, re.I)
        phrase = f"{word} {particle.group(1)}" if particle else word
        if any(same_act(phrase, t) for t in sentence.content_words):
            return True
    return False


def number_candidates(question: Question, sentence: Sentence, similar: Similarity | None = None) -> list[Candidate]:
    verbs = counting_verbs(question)
    said = {stem(w) for _, _, w in words(sentence.text) if not w[0].isupper()}  # not names: "idlib" asks no act
    if verbs and not verbs & said and not _says_verb(question, verbs, sentence):
        return []  # "close to a million civilians" were displaced, not killed
    asked = casualty_kinds(counted_acts(question, verbs)) or casualty_kinds(verbs)
    if asked and not asked & casualty_kinds(said):
        return []  # "34 Turkish troops" died; the question counts the wounded
    found = []
    dates = find_dates(sentence.text, sentence.published)
    target = [w for _, _, w in words(question.target or "")]
    for match in _NUMBER.finditer(sentence.text):
        if any(d.start <= match.start() < d.end for d in dates):
            continue  # part of a date
        phrase = counted_phrase(sentence.text[match.end():])
        if question.target == DURATION:
            fit = 1.0 if phrase and stem(phrase[0][2]) in UNITS else 0.0
            phrase = phrase[:1]
        elif question.target == MONEY:
            fit = 1.0 if _MONEY.search(sentence.text[max(0, match.start() - 2):match.end() + 20]) else 0.0
            phrase = phrase[:1]
        else:
            fit = _noun_match(target, [w for _, _, w in phrase], similar, sentence.stems, sentence.content_words)
        if fit == 0.0:
            continue
        end = match.end() + (phrase[-1][1] if phrase else 0)
        value = number_value(match.group(0))
        key = f"{value:g}" if value is not None else match.group(0).lower()
        display = sentence.text[match.start():end].strip()
        score = sentence.score * (0.5 + 0.5 * fit) * proximity(sentence, question, match.start(), match.end())
        found.append(Candidate(key, display, sentence, match.start(), end, score))
    return found
