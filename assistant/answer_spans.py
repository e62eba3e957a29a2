"""Typed answer candidates inside evidence sentences: dates, places, people and organisations, numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.entities import Entity
from assistant.evidence import Sentence
from assistant.lexicon import STOPWORDS, stem, words
from assistant.question import QType, Question
from assistant.temporal import DateMention, describe_resolution, find_dates

REPORTING = re.compile(r"\b(?:said|says|told|announced|added|stated|stressed|noted|reported|tweeted|wrote|"
                       r"confirmed|claimed|insisted|warned|declared|explained|reiterated)\b(?:\s+[\w']+){0,3}\s*(?:on|,)?\s*$", re.I)
_TITLES = re.compile(r"^(?:President|Prime Minister|Minister|Mr|Mrs|Ms|Dr|Sir|Chancellor|King|Queen|Prince|General|"
                     r"Gen\.|Secretary|Senator|Judge|Spokesman|Spokeswoman|Turkish|Russian|Syrian|American)\s+")
PLACE_LABELS = {"GPE", "LOC", "FAC"}
_BREAK = re.compile(r"[,;:()]|\s[-–—]\s")
_LOCATIVE = re.compile(r"\b(?:in|at|near|inside|outside|held in|based in)\s+(?:the\s+)?(?:city of\s+)?$", re.I)
_DESTINATION = re.compile(r"\b(?:to|into|visit|visits|visited|visiting|towards|toward|from)\s+(?:the\s+)?$", re.I)
#: For a "which city" question, names that look like countries weigh less, and the other way round.
TYPE_CONTRASTS = {"city": "country", "town": "country", "capital": "country", "country": "city", "nation": "city"}
_NUMBER = re.compile(
    r"\b(?:(?:more than|over|about|around|nearly|almost|at least|close to|some|up to|fewer than|less than|roughly|"
    r"approximately|an estimated)\s+)?(?:\d[\d,]*(?:\.\d+)?|a dozen|dozens|hundreds|thousands|millions|a million|"
    r"a thousand|a hundred|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety)(?:\s+(?:million|billion|thousand|hundred|bn|m))?\b", re.I)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                 "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12,
                 "a hundred": 100, "a thousand": 1000, "a million": 1_000_000}


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
    date: DateMention | None = None


def _proximity(sentence: Sentence, question: Question, start: int, end: int) -> float:
    """1.0 when a question word sits right beside the span, falling off with distance.

    The question's predicate words count ("meet" in "Where did Putin and Erdogan meet?"), not its
    names, when it has any; a clause break (a comma, a semicolon) between them counts as far.
    """
    names = question.entity_stems
    predicate = [s for s in question.stems if s not in names] or question.stems
    best = None
    for s, e, word in words(sentence.text):
        if stem(word) in predicate and not (s >= start and e <= end):
            gap = sentence.text[e:start] if s >= end else sentence.text[end:s]
            distance = len(gap) + 40 * len(_BREAK.findall(gap))
            best = distance if best is None else min(best, distance)
    if best is None:
        return 0.3
    return 0.3 + 0.7 / (1.0 + best / 40.0)


def date_candidates(question: Question, sentence: Sentence) -> list[Candidate]:
    found = []
    for mention in find_dates(sentence.text, sentence.published):
        weight = 1.0 if mention.granularity == "day" else 0.6
        if REPORTING.search(sentence.text[:mention.start]) and not question.stems_include_reporting:
            weight *= 0.6  # "his office said on Monday": when it was said, not when it happens
        score = sentence.score * weight * _proximity(sentence, question, mention.start, mention.end)
        found.append(Candidate(mention.value.isoformat() + "/" + mention.granularity, mention.display(), sentence,
                               mention.start, mention.end, score, describe_resolution(mention, sentence.published),
                               mention))
    return found


def _clean_name(text: str) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", text.strip(" ,.;:\"'“”’"))
    while _TITLES.match(text):
        text = _TITLES.sub("", text, count=1)
    return re.sub(r"['’]s$", "", text).strip()


def _in_question(name: str, question: Question) -> bool:
    stems = {stem(w) for _, _, w in words(name) if w.lower() not in STOPWORDS}
    return bool(stems) and stems <= (set(question.stems) | question.entity_stems)


def entity_candidates(question: Question, sentence: Sentence, entities: list[Entity], labels: set[str]) -> list[Candidate]:
    found = []
    for entity in entities:
        if entity.label not in labels or is_modifier(sentence.text, entity.start, entity.end):
            continue
        name = _clean_name(entity.text)
        if len(name) < 2 or _in_question(name, question):
            continue
        weight = place_preposition_weight(sentence.text[:entity.start]) if labels & PLACE_LABELS else 1.0
        key = name.lower().split()[-1] if entity.label == "PERSON" else name.lower()
        score = sentence.score * weight * _proximity(sentence, question, entity.start, entity.end)
        found.append(Candidate(key, name, sentence, entity.start, entity.end, score))
    return found


def is_modifier(text: str, start: int, end: int) -> bool:
    """"Moscow-backed", "Turkey-Russia ties": a name glued to another word modifies it."""
    return text[end:end + 1] == "-" or (start > 0 and text[start - 1] == "-")


def place_preposition_weight(before: str) -> float:
    """Where something happens is said with "in"/"at"; "to"/"visit" names a destination."""
    if _LOCATIVE.search(before):
        return 1.25
    if _DESTINATION.search(before):
        return 0.8
    return 0.7


def number_value(text: str) -> float | None:
    lower = text.lower()
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", lower)
    if digits:
        value = float(digits.group(0).replace(",", ""))
    else:
        value = next((v for w, v in sorted(_NUMBER_WORDS.items(), key=lambda kv: -len(kv[0])) if w in lower), None)
        if value is None:
            return None
    for word, scale in (("billion", 1e9), ("bn", 1e9), ("million", 1e6), ("thousand", 1e3), ("hundred", 1e2)):
        if re.search(rf"\b{word}\b", lower) and not lower.startswith(("a ", word)):
            value *= scale
    return value


def number_candidates(question: Question, sentence: Sentence) -> list[Candidate]:
    found = []
    dates = find_dates(sentence.text, sentence.published)
    target = question.target_stems
    for match in _NUMBER.finditer(sentence.text):
        if any(d.start <= match.start() < d.end for d in dates):
            continue  # part of a date
        after = words(sentence.text[match.end():match.end() + 60])[:4]
        noun_stems = {stem(w) for _, _, w in after}
        overlap = len(target & noun_stems) / len(target) if target else 0.5
        if target and overlap == 0:
            overlap = 0.15
        end = match.end() + (after[-1][1] if after else 0)
        phrase_end = match.end()
        for s, e, w in after:  # extend over the counted noun phrase
            if w.lower() in STOPWORDS or w[0].isdigit():
                break
            phrase_end = match.end() + e
        value = number_value(match.group(0))
        key = f"{value:g}" if value is not None else match.group(0).lower()
        display = sentence.text[match.start():phrase_end].strip()
        score = sentence.score * (0.4 + 0.6 * overlap) * _proximity(sentence, question, match.start(), end)
        found.append(Candidate(key, display, sentence, match.start(), phrase_end, score))
    return found


def labels_for(question: Question) -> set[str]:
    """The entity labels that can answer a who/where question."""
    if question.qtype == QType.WHERE:
        return PLACE_LABELS
    target = (question.target or "").lower()
    if re.search(r"compan|organi[sz]ation|group|agency|ministry|firm|outlet|publication|team|party", target):
        return {"ORG"}
    if re.search(r"countr|nation", target):
        return {"GPE", "NORP"}
    return {"PERSON", "ORG"} if question.qtype == QType.WHO else {"PERSON"}
