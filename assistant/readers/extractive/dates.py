"""Date answers: the dates (and clock times) in an evidence sentence that can answer a when-question,
weighed by the granularity asked ("In what year"), "since when", tense and reporting ("his office said on
Monday" says when it was said)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from assistant.readers.extractive.spans import REPORTING, Candidate, in_question, proximity
from assistant.evidence.sentences import Sentence, quotes_the_asked, says_term
from assistant.language.lexicon import SAYING, STOPWORDS, words
from assistant.question.analyse import Question
from assistant.dates.resolve import DateMention, describe_resolution, find_dates


def _against_tense(mention: DateMention, published: date | None, tense: str | None) -> bool:
    """A day or week before publication for "When will …". (Not the other way round: "When did the talks
    take place?" is asked after the fact, and the date an article announced is the best evidence of it.)"""
    if published is None or tense != "future" or mention.granularity not in ("day", "week"):
        return False
    last_day = mention.value + timedelta(days=6 if mention.granularity == "week" else 0)
    return last_day < published


SAID_WHEN_ASKED = 1.3  # weight of the date something was said, when the question asks when it was said
#: weight of a date that a possessive ties to something the question does not ask about ("last week's
#: airstrike" for "When did they have the phone call?")
DATES_ANOTHER = 0.5
NOTHING_SAID = 0.6  # a date in a sentence that reports nobody saying anything, asked when something was said
#: "last week's airstrike", "Sunday's drone strikes": the words the date belongs to
_DATED = re.compile(r"^['’]s\s+((?:[\w-]+\s+)?[\w-]+)")
_SINCE_WHEN = re.compile(r"\bsince when\b", re.I)
_ASKED_GRANULARITY = re.compile(r"\b(?:what|which)\s+(?:exact\s+|precise\s+|specific\s+)?(year|month|date|day)\b", re.I)
#: "On what exact date …": a week or a month known is no answer
_EXACT = re.compile(r"\b(?:exact|exactly|precise|precisely|specific)\b", re.I)
_COARSENESS = {"day": 0, "week": 1, "month": 2, "year": 3}


def asked_granularity(text: str) -> str | None:
    """"year" for "In what year …", "day" for "On what date/day …", "month" for "Which month …"."""
    match = _ASKED_GRANULARITY.search(text)
    return None if match is None else {"date": "day"}.get(match.group(1).lower(), match.group(1).lower())


#: "What time …" wants a clock time: "at 10:30", "6 p.m.", "noon"; a date alone does not answer it
_WHAT_TIME = re.compile(r"\b(?:what|which)\s+time\b|\bat\s+what\s+hour\b", re.I)
_CLOCK = re.compile(r"\b(?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d{2}\b(?:\s*(?:GMT|UTC|CET|local time))?|"
                    r"noon\b|midnight\b)", re.I)


def clock_candidates(question: Question, sentence: Sentence) -> list[Candidate]:
    """Clock times in the sentence, for "what time" questions."""
    return [Candidate(m.group(0).lower(), m.group(0), sentence, m.start(), m.end(),
                      sentence.score * proximity(sentence, question, m.start(), m.end()))
            for m in _CLOCK.finditer(sentence.text)]


def too_coarse(question: Question, candidate: Candidate) -> bool:
    """"On what exact date …" is not answered by "last week": the date known is coarser than asked. So
    too where the question names the coarser period itself ("on which day of last week …")."""
    asked = asked_granularity(question.text)
    if asked is None or candidate.date is None:
        return False
    known = candidate.date.granularity
    coarser = _COARSENESS.get(known, 3) > _COARSENESS.get(asked, 3)
    return coarser and bool(_EXACT.search(question.text) or re.search(rf"\b{known}\b", question.text, re.I))


def _dates_another(question: Question, text: str, mention: DateMention) -> bool:
    """Does a possessive tie the date to something the question does not name ("last week's airstrike",
    asked when the phone call was)?"""
    possessive = text[mention.start:mention.end].endswith(("'s", "’s"))  # "Sunday's" holds its "'s"
    after = ("'s" if possessive else "") + text[mention.end:]
    dated = _DATED.match(after)
    if dated is None:
        return False
    nouns = [w for _, _, w in words(dated.group(1)) if w.lower() not in STOPWORDS]
    return bool(nouns) and not any(says_term(question, term, noun) for noun in nouns for term in question.stems)


def date_candidates(question: Question, sentence: Sentence) -> list[Candidate]:
    if _WHAT_TIME.search(question.text):
        return clock_candidates(question, sentence)
    found = []
    published = sentence.published.date() if sentence.published else None
    asked = asked_granularity(question.text)
    since_when = bool(_SINCE_WHEN.search(question.text))
    exact = bool(_EXACT.search(question.text))
    mentions = find_dates(sentence.text, sentence.published)
    said = {id(m) for m in mentions if REPORTING.search(sentence.text[:m.start])}
    # "When did the presidency announce …": the sentence says when something was said, or quotes the one asked
    asks_when_said = question.stems_include_reporting
    quoted = asks_when_said and bool(mentions) and (bool(said) or quotes_the_asked(question, sentence))
    for mention in mentions:
        if mention.granularity == "year" and in_question(sentence.text[mention.start:mention.end], question):
            continue  # "the 2018 Sochi deal" in the question: 2018 is what it knows, not what it asks
        weight = {"day": 1.0, "week": 0.9, "month": 0.85}.get(mention.granularity, 0.7)
        if asked and mention.granularity != asked and not exact:
            weight *= 0.5  # "In what year …" wants a year; "On what date …" a day
            # (asked "exactly", a coarser date that wins says the articles give no more: see too_coarse)
        if since_when:  # "since when …" is answered by "since December"
            weight *= 1.5 if re.search(r"\bsince\s+$", sentence.text[:mention.start], re.I) else 0.5
        if _dates_another(question, sentence.text, mention):
            weight *= DATES_ANOTHER
        if _against_tense(mention, published, question.tense):
            weight *= 0.5  # "When is he heading to Russia?" is not answered by last Sunday
        if id(mention) in said:  # "his office said on Monday": when it was said …
            weight *= SAID_WHEN_ASKED if asks_when_said else 0.6
        elif quoted:
            weight *= 0.6  # … which "When did … announce" asks, not the day of what was announced
        elif asks_when_said and not SAYING.search(sentence.text):
            weight *= NOTHING_SAID  # "When did Ankara acknowledge …": a sentence where nobody says anything
        score = sentence.score * weight * proximity(sentence, question, mention.start, mention.end)
        found.append(Candidate(mention.value.isoformat() + "/" + mention.granularity, mention.display(), sentence,
                               mention.start, mention.end, score, describe_resolution(mention, sentence.published),
                               mention))
    return found
