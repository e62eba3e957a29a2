"""Typed answer candidates inside an evidence sentence: dates, numbers, and names (people, organisations,
places) by spaCy's entity labels. A candidate weighs what its sentence scores against the question, times
how near it sits to the question's words (a precise date, or a number that counts the question's noun,
a little more)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.dates.resolve import describe_resolution, find_dates
from assistant.evidence.sentences import Sentence
from assistant.language.entities import Entity
from assistant.language.lexicon import STOPWORDS, stem, words
from assistant.question.analyse import DURATION, MONEY, ORG_NOUNS, QType, Question

PLACE_LABELS = {"GPE", "LOC", "FAC"}
FAR = 0.3  # proximity of a candidate none of the question's words is near
_BREAK = re.compile(r"[,;:()]|\s[-–—]\s")
_TITLES = re.compile(r"^(?:President|Prime Minister|Minister|Mr|Mrs|Ms|Dr|Sir|Chancellor|King|Queen|Prince|General|"
                     r"Gen\.|Secretary|Senator|Judge)\s+")
_NUMBER = re.compile(
    r"(?<!\w)(?:(?:more than|over|about|around|nearly|almost|at least|up to|fewer than|less than|roughly|approximately)\s+)?"
    r"(?:[$€£]\s?)?(?:\d[\d,]*(?:\.\d+)?%?|a dozen|dozens|hundreds|thousands|millions|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:\s+(?:million|billion|trillion|thousand|hundred|bn|m))?(?!\w)", re.I)
_MONEY = re.compile(r"[$€£¥]|\b(?:dollars?|euros?|pounds?|yen|yuan|rubles?|roubles?|usd|eur|gbp)\b", re.I)
_TIME_UNIT = re.compile(r"^\W*(?:second|minute|hour|day|week|month|year|decade)s?\b", re.I)
_DATE_WEIGHT = {"day": 1.0, "week": 0.9, "month": 0.85}  # a precise date says more than a year


@dataclass
class Candidate:
    """A possible answer: ``sentence.text[start:end]`` normalised to ``key``."""

    key: str
    display: str
    sentence: Sentence
    start: int
    end: int
    score: float
    note: str | None = None  # how a relative date was resolved


def in_question(text: str, question: Question) -> bool:
    """Are all the words of ``text`` the question's own (its names are not the answer)?"""
    stems = {stem(w) for _, _, w in words(text) if w.lower() not in STOPWORDS}
    return bool(stems) and stems <= set(question.stems) | question.entity_stems


def proximity(sentence: Sentence, question: Question, start: int, end: int) -> float:
    """1.0 with a word of the question (other than its names) right beside the span, falling off with the
    distance in characters (a clause break counts as 40 more), down to ``FAR``."""
    asked = set(question.stems) - question.entity_stems or set(question.stems)
    best = None
    for s, e, word in words(sentence.text):
        if stem(word) in asked and not (s >= start and e <= end):
            gap = sentence.text[end:s] if s >= end else sentence.text[e:start]
            distance = len(gap) + 40 * len(_BREAK.findall(gap))
            best = distance if best is None else min(best, distance)
    return FAR if best is None else FAR + (1.0 - FAR) / (1.0 + best / 40.0)


def date_candidates(question: Question, sentence: Sentence) -> list[Candidate]:
    found = []
    for mention in find_dates(sentence.text, sentence.published):
        if in_question(mention.text, question):
            continue  # "the 2018 Sochi deal" in the question: 2018 is what it knows, not what it asks
        score = (sentence.score * _DATE_WEIGHT.get(mention.granularity, 0.7)
                 * proximity(sentence, question, mention.start, mention.end))
        found.append(Candidate(f"{mention.value.isoformat()}/{mention.granularity}", mention.display(), sentence,
                               mention.start, mention.end, score, describe_resolution(mention, sentence.published)))
    return found


def number_candidates(question: Question, sentence: Sentence) -> list[Candidate]:
    """Numbers that are not part of a date, with the words they count ("19 Syrian troops"); for "how
    long" one counted in a unit of time, for "how much" an amount of money, else one that counts the
    question's noun weighs most."""
    dates = find_dates(sentence.text, sentence.published)
    target = question.target_stems if question.target not in (DURATION, MONEY) else set()
    found = []
    for match in _NUMBER.finditer(sentence.text):
        if any(d.start <= match.start() < d.end for d in dates) or in_question(match.group(0), question):
            continue
        after = sentence.text[match.end():]
        counted = _counted(after)
        if question.target == DURATION:
            fit = 1.0 if _TIME_UNIT.match(after) else 0.0
        elif question.target == MONEY:
            fit = 1.0 if _MONEY.search(sentence.text[max(0, match.start() - 2):match.end() + 12]) else 0.0
        elif target:
            fit = len(target & {stem(w) for _, _, w in counted}) / len(target)
        else:
            fit = 0.5
        if fit == 0.0:
            continue
        if target:  # "34 Turkish soldiers [died]": up to the last word of the question's noun
            counted = counted[:max(i for i, (_, _, w) in enumerate(counted) if stem(w) in target) + 1]
        elif question.target in (DURATION, MONEY):  # "three days", "3 million [dollars]"
            counted = counted[:1]
        end = match.end() + (counted[-1][1] if counted else 0)
        display = sentence.text[match.start():end].strip()
        score = sentence.score * (0.5 + 0.5 * fit) * proximity(sentence, question, match.start(), match.end())
        found.append(Candidate(match.group(0).lower().replace(",", ""), display, sentence, match.start(), end, score))
    return found


def _counted(text: str) -> list[tuple[int, int, str]]:
    """The words a number counts, at the start of ``text`` (the text after it): up to three, to the first
    stop word ("[Syrian troops] in drone strikes", "three of [Damascus' air defence systems]")."""
    following = words(re.split(r"[,;.:!?()\"“”]", text, maxsplit=1)[0])[:5]
    if following and following[0][2].lower() == "of":
        following = following[1:]
    counted = []
    for word in following[:3]:
        if word[2].lower() in STOPWORDS or word[2][0].isdigit():
            break
        counted.append(word)
    return counted


def labels_for(question: Question) -> set[str]:
    """The entity labels that can answer a who/where question."""
    if question.qtype == QType.WHERE:
        return PLACE_LABELS
    target = (question.target or "").lower()
    if re.search(rf"\b{ORG_NOUNS}\b", target):
        return {"ORG"}
    if re.search(r"countr|nation", target):
        return {"GPE", "NORP"}
    return {"PERSON"}


def name_candidates(question: Question, sentence: Sentence, entities: list[Entity], labels: set[str]) -> list[Candidate]:
    """The names of the wanted kind in the sentence, other than the question's own; a person keyed by the
    last word of the name, so that "Peskov" and "Dmitry Peskov" agree."""
    found = []
    for entity in entities:
        if entity.label not in labels:
            continue
        name = re.sub(r"^(?:the|The)\s+|['’]s$", "", entity.text.strip(" ,.;:\"'“”’"))
        if entity.label == "PERSON":
            while _TITLES.match(name):
                name = _TITLES.sub("", name, count=1)
        if len(name) < 2 or in_question(name, question):
            continue
        key = name.lower().split()[-1] if entity.label == "PERSON" else name.lower()
        if entity.label == "PERSON" and stem(key) in question.entity_stems:
            continue  # "Recep Tayyip Erdogan" for "Who is Erdogan meeting?"
        score = sentence.score * proximity(sentence, question, entity.start, entity.end)
        found.append(Candidate(key, name, sentence, entity.start, entity.end, score))
    return found
