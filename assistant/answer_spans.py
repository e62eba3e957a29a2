"""Typed answer candidates inside evidence sentences: dates, places, people and organisations, numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from assistant.entities import Entity
from assistant.evidence import Sentence
from assistant.lexicon import NUMBER_WORDS, STOPWORDS, stem, words
from assistant.meaning import Similarity, same_act, same_meaning, synonyms
from assistant.question import DURATION, MONEY, QType, Question
from assistant.temporal import DateMention, describe_resolution, find_dates

REPORTING = re.compile(r"\b(?:said|says|told|announced|added|stated|stressed|noted|reported|tweeted|wrote|"
                       r"confirmed|claimed|insisted|warned|declared|explained|reiterated)\b(?:\s+[\w']+){0,3}\s*(?:on|,)?\s*$", re.I)
_TITLES = re.compile(r"^(?:President|Prime Minister|Minister|Mr|Mrs|Ms|Dr|Sir|Chancellor|King|Queen|Prince|General|"
                     r"Gen\.|Secretary|Senator|Judge|Spokesman|Spokeswoman|Turkish|Russian|Syrian|American)\s+")
PLACE_LABELS = {"GPE", "LOC", "FAC"}
_BREAK = re.compile(r"[,;:()]|\s[-–—]\s")
_LOCATIVE = re.compile(r"\b(?:in|at|near|inside|outside|held in|based in)\s+(?:the\s+)?(?:city of\s+)?$", re.I)
_DESTINATION = re.compile(r"\b(?:to|into|visit|visits|visited|visiting|towards|toward|from|with)\s+(?:the\s+)?$", re.I)
_MOTION = {"visit", "travel", "go", "fli", "head", "arriv", "come", "move", "flee", "send", "deploy", "open", "return"}
#: For a "which city" question, names that look like countries weigh less, and the other way round.
TYPE_CONTRASTS = {"city": "country", "town": "country", "capital": "country", "country": "city", "nation": "city"}
_NUMBER = re.compile(
    r"\b(?:(?:more than|over|about|around|nearly|almost|at least|close to|some|up to|fewer than|less than|roughly|"
    r"approximately|an estimated)\s+)?(?:\d[\d,]*(?:\.\d+)?|a dozen|dozens|hundreds|thousands|millions|a million|"
    r"a thousand|a hundred|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety)(?:\s+(?:million|billion|thousand|hundred|bn|m))?\b", re.I)
_MONEY = re.compile(r"[$€£¥]|\b(?:dollars?|euros?|pounds?|yen|yuan|rubles?|roubles?|lira|usd|eur|gbp)\b", re.I)
_DURATION_UNITS = {"second", "minut", "hour", "day", "week", "month", "year", "decad"}
#: "shot dead on Monday by Greek border police", "attributed to the Syrian military", "blamed on the regime"
_AGENT = re.compile(r"^(?:\s+(?:dead|down|\w+ly|on \w+|last \w+|in \w+)){0,2}\s+(?P<prep>by|to|on)\s+"
                    r"((?:the\s+)?(?:[\w'’-]+\s+){0,3}[\w'’-]+)", re.I)
_AGENT_TO = {"attributed": "to", "blamed": "on", "credited": "to", "traced": "to"}
#: Questions about who caused something accept any attribution verb in the text.
_ATTRIBUTION = {stem(w) for w in ("blame", "attributed", "caused", "responsible", "credited", "behind", "carried")}


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


def predicate_stems(question: Question) -> list[str]:
    """The question's words other than its names ("meet" in "Where did Putin and Erdogan meet?")."""
    names = question.entity_stems
    predicate = [s for s in question.stems if s not in names] or question.stems
    # "talk" in "hold talks"; "gather" in "Where have they gathered since Erdogan opened the borders?"
    return [s for s in predicate if s not in question.light and s not in question.background] or predicate


def _nearest(sentence: Sentence, stems: list[str] | set[str], start: int, end: int) -> int | None:
    """Characters from the span to the nearest of ``stems`` (a clause break counts as 40 more)."""
    best = None
    for s, e, word in words(sentence.text):
        if stem(word) in stems and not (s >= start and e <= end):
            gap = sentence.text[end:s] if s >= end else sentence.text[e:start]
            distance = len(gap) + 40 * len(_BREAK.findall(gap))
            best = distance if best is None else min(best, distance)
    return best


def proximity(sentence: Sentence, question: Question, start: int, end: int) -> float:
    """1.0 when a predicate word of the question sits right beside the span, falling off with distance
    (0.3 when none is near). In a sentence without any predicate word, nearness to the question's names
    counts, but for less (at most 0.7)."""
    predicate = predicate_stems(question)
    distance = _nearest(sentence, predicate, start, end)
    if distance is not None:
        return 0.3 + 0.7 / (1.0 + distance / 40.0)
    distance = _nearest(sentence, question.stems, start, end)
    return 0.3 if distance is None else 0.3 + 0.4 / (1.0 + distance / 40.0)


def _against_tense(mention: DateMention, published: date | None, tense: str | None) -> bool:
    """A day or week before publication for "When will …". (Not the other way round: "When did the talks
    take place?" is asked after the fact, and the date an article announced is the best evidence of it.)"""
    if published is None or tense != "future" or mention.granularity not in ("day", "week"):
        return False
    last_day = mention.value + timedelta(days=6 if mention.granularity == "week" else 0)
    return last_day < published


_SINCE_WHEN = re.compile(r"\bsince when\b", re.I)
_ASKED_GRANULARITY = re.compile(r"\b(?:what|which)\s+(year|month|date|day)\b", re.I)


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


def date_candidates(question: Question, sentence: Sentence) -> list[Candidate]:
    if _WHAT_TIME.search(question.text):
        return clock_candidates(question, sentence)
    found = []
    published = sentence.published.date() if sentence.published else None
    asked = asked_granularity(question.text)
    since_when = bool(_SINCE_WHEN.search(question.text))
    for mention in find_dates(sentence.text, sentence.published):
        if mention.granularity == "year" and in_question(sentence.text[mention.start:mention.end], question):
            continue  # "the 2018 Sochi deal" in the question: 2018 is what it knows, not what it asks
        weight = {"day": 1.0, "week": 0.9, "month": 0.85}.get(mention.granularity, 0.7)
        if asked and mention.granularity != asked:
            weight *= 0.5  # "In what year …" wants a year; "On what date …" a day
        if since_when:  # "since when …" is answered by "since December"
            weight *= 1.5 if re.search(r"\bsince\s+$", sentence.text[:mention.start], re.I) else 0.5
        if _against_tense(mention, published, question.tense):
            weight *= 0.5  # "When is he heading to Russia?" is not answered by last Sunday
        if REPORTING.search(sentence.text[:mention.start]) and not question.stems_include_reporting:
            weight *= 0.6  # "his office said on Monday": when it was said, not when it happens
        score = sentence.score * weight * proximity(sentence, question, mention.start, mention.end)
        found.append(Candidate(mention.value.isoformat() + "/" + mention.granularity, mention.display(), sentence,
                               mention.start, mention.end, score, describe_resolution(mention, sentence.published),
                               mention))
    return found


def clean_name(text: str) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", text.strip(" ,.;:\"'“”’"))
    while _TITLES.match(text):
        text = _TITLES.sub("", text, count=1)
    return re.sub(r"['’]s$", "", text).strip()


def in_question(name: str, question: Question) -> bool:
    stems = {stem(w) for _, _, w in words(name) if w.lower() not in STOPWORDS}
    return bool(stems) and stems <= (set(question.stems) | question.entity_stems)


def is_modifier(text: str, start: int, end: int) -> bool:
    """"Moscow-backed", "Turkey-Russia ties": a name glued to another word modifies it."""
    return text[end:end + 1] == "-" or (start > 0 and text[start - 1] == "-")


def place_preposition_weight(before: str, motion: bool = False) -> float:
    """Where something happens is said with "in"/"at"; "to"/"visit" names a destination (the answer
    when the question asks where someone goes)."""
    if _LOCATIVE.search(before):
        return 1.25
    if _DESTINATION.search(before):
        return 1.25 if motion else 0.8
    return 0.7


def entity_candidates(question: Question, sentence: Sentence, entities: list[Entity], labels: set[str]) -> list[Candidate]:
    found = []
    motion = bool(_MOTION & set(question.stems))
    for entity in entities:
        if entity.label not in labels or is_modifier(sentence.text, entity.start, entity.end):
            continue
        name = clean_name(entity.text) if entity.label == "PERSON" else re.sub(r"['’]s$", "", entity.text.strip(" ,.;:\"'“”’"))
        key = name.lower().split()[-1] if entity.label == "PERSON" else name.lower()
        if len(name) < 2 or in_question(name, question) or (entity.label == "PERSON" and stem(key) in question.entity_stems):
            continue  # the question's own names ("Recep Tayyip Erdogan" for "Who is Erdogan meeting?")
        weight = place_preposition_weight(sentence.text[:entity.start], motion) if labels & PLACE_LABELS else 1.0
        score = sentence.score * weight * proximity(sentence, question, entity.start, entity.end)
        found.append(Candidate(key, name, sentence, entity.start, entity.end, score))
    return _coordinated(found, question)


_PLACE_HEADS = (r"(?:border|borders|frontier|frontiers|side|coast|coastline|zone|area|region|province|capital|city|town|"
                r"village|camp|camps|crossing|outskirts|countryside|base|port|island)")
#: "on the Turkish side of the border", "across the length of the country's borders", "at Turkey-Greece
#: border": a place said with a common noun rather than a name
_LOCATIVE_PHRASE = re.compile(rf"\b(?:on|at|along|across|near|inside|outside|in|to)\s+((?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?"
                              rf"{_PLACE_HEADS}(?:\s+of\s+the\s+(?:[\w'’-]+\s+){{0,2}}?{_PLACE_HEADS})?)\b", re.I)


def locative_candidates(question: Question, sentence: Sentence, entities: list[Entity]) -> list[Candidate]:
    """Where-answers that are not names ("at Turkey-Greece border" is one); phrases holding a place name
    are left to the name itself."""
    found = []
    places = [(e.start, e.end) for e in entities
              if e.label in PLACE_LABELS and not is_modifier(sentence.text, e.start, e.end)]
    for match in _LOCATIVE_PHRASE.finditer(sentence.text):
        start, end = match.span(1)
        inner = [w.lower() for _, _, w in words(re.sub(r"^the\s+|\s+of\s+the\s+", " ", match.group(1)))]
        if (any(w in STOPWORDS or _DATE_WORDS.match(w) for w in inner)  # "on Monday by Greek border" is no place
                or any(s < end and start < e for s, e in places) or in_question(match.group(1), question)):
            continue
        display = match.group(1)
        score = 0.8 * sentence.score * proximity(sentence, question, start, end)
        found.append(Candidate(re.sub(r"^the\s+", "", display.lower()), display, sentence, start, end, score))
    return found


def _coordinated(found: list[Candidate], question: Question) -> list[Candidate]:
    """For a plural target ("which countries"), "Greece and Bulgaria" is one answer; so it is where the
    pair is the object of one preposition ("borders with Greece and Bulgaria"), not "both Moscow and Ankara"."""
    target = (question.target or "").lower().split()
    plural = bool(target) and target[0].endswith(("ies", "s"))
    joined = []
    for a in found:
        for b in found:
            governed = re.search(r"\b(?:with|to|into|in|at|from|towards?|between)\s+(?:the\s+)?$", a.sentence.text[:a.start])
            if (plural or governed) and a.sentence is b.sentence and b.start > a.end \
                    and re.fullmatch(r",?\s*(?:and|,)\s*", a.sentence.text[a.end:b.start]):
                display = a.sentence.text[a.start:b.end]
                joined.append(Candidate(display.lower(), display, a.sentence, a.start, b.end, max(a.score, b.score) * 1.1))
    return found + joined


def agent_candidates(question: Question, sentence: Sentence) -> list[Candidate]:
    """Who did it, when the text names a group rather than a person: "shot dead ... by Greek border police"."""
    found = []
    predicate = set(predicate_stems(question))
    if predicate & _ATTRIBUTION:
        predicate |= {stem(w) for w in _AGENT_TO}
    for s, e, word in words(sentence.text):
        match = _AGENT.match(sentence.text[e:])
        if not match or match.group("prep").lower() != _AGENT_TO.get(word.lower(), "by"):
            continue
        # the question's act, or another word for it ("opened fire on" a refugee "shot dead by" police)
        if stem(word) not in predicate and not any(same_act(question.terms.get(p, p), word) for p in predicate):
            continue
        phrase = re.split(r"\s+(?:in|on|at|for|after|as|while|over|with|blocking|who|which|that|last|this|next|"
                          r"earlier|later|yesterday|today)\b|[,.;]", match.group(2))[0].strip()
        phrase = re.sub(r"^(?:the|The)\s+", "", phrase)
        if len(phrase) < 3 or in_question(phrase, question) or phrase.lower() in STOPWORDS:
            continue
        start = e + match.start(2)
        # "blamed on the regime", "shot dead by Greek border police" name the doer itself
        found.append(Candidate(phrase.lower(), phrase, sentence, start, start + len(phrase), sentence.score * 1.2))
    return found


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
    0.0 when it is something else ("soldiers" for "civilians"). Every other word of the target must be in
    the phrase ("Russian soldiers" never matches "Turkish troops"), or be said in the sentence: a name
    ("Syrian") in it (``context``: its stems), or a WordNet synonym among its words (``context_words``:
    "government" soldiers where the sentence speaks of the "regime")."""
    if not target:
        return 0.5
    stems = {stem(w) for w in phrase}
    head, modifiers = target[-1], [m for m in target[:-1] if m.lower() not in STOPWORDS]
    if any(stem(m) not in stems and not (m[:1].isupper() and stem(m) in context)
           and not any(synonyms(m, w) for w in (*phrase, *context_words)) for m in modifiers):
        return 0.0
    if stem(head) in stems:
        return 1.0
    return 0.8 if any(same_meaning(head, w, similar) for w in phrase) else 0.0


_DATE_WORDS = re.compile(r"^(?:\d{4}|since|until|ago|last|next|today|yesterday|tomorrow|week|month|year|"
                        r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)", re.I)


def counting_verbs(question: Question) -> set[str]:
    """What a how-many question says happened to the things counted ("killed" in "how many civilians were
    killed"): its words other than the counted noun, names and dates."""
    target = question.target_stems
    return {s for s in predicate_stems(question) if s not in target and not _DATE_WORDS.match(s)}


_PARTICLE = r"\s+(up|down|out|off|in|over|back)\b"


def _says_verb(question: Question, verbs: set[str], sentence: Sentence) -> bool:
    """Does the sentence use a synonym of one of the question's verbs (WordNet only: "establishing" for
    "set up", "destroying" for "knocked out")?"""
    for verb in verbs:
        word = question.terms.get(verb, verb)
        particle = re.search(rf"\b{re.escape(word)}{_PARTICLE}", question.text, re.I)
        phrase = f"{word} {particle.group(1)}" if particle else word
        if any(synonyms(phrase, t) for t in sentence.content_words):
            return True
    return False


def number_candidates(question: Question, sentence: Sentence, similar: Similarity | None = None) -> list[Candidate]:
    verbs = counting_verbs(question)
    if verbs and not verbs & sentence.stems and not _says_verb(question, verbs, sentence):
        return []  # "close to a million civilians" were displaced, not killed
    found = []
    dates = find_dates(sentence.text, sentence.published)
    target = [w for _, _, w in words(question.target or "")]
    for match in _NUMBER.finditer(sentence.text):
        if any(d.start <= match.start() < d.end for d in dates):
            continue  # part of a date
        phrase = counted_phrase(sentence.text[match.end():])
        if question.target == DURATION:
            fit = 1.0 if phrase and stem(phrase[0][2]) in _DURATION_UNITS else 0.0
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
