"""Typed answer candidates inside evidence sentences: places, people and organisations (dates are in
date_answers.py, numbers in number_answers.py), and what they share: the Candidate, nearness to the question's words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.language.clause import acts_in, describing_words
from assistant.language.entities import Entity
from assistant.evidence.sentences import Sentence
from assistant.language.lexicon import SAYING, STOPWORDS, stem, words
from assistant.language.places import UNGOVERNED, place_preposition_weight
from assistant.language.meaning import capital_countries, same_act
from assistant.question.analyse import ORG_NOUNS, QType, Question
from assistant.dates.resolve import DateMention

#: "…, the presidency said on" right before a mention: the mention is when it was said
REPORTING = re.compile(rf"{SAYING.pattern}(?:\s+[\w']+){{0,3}}\s*(?:on|,)?\s*$", re.I)
_TITLES = re.compile(r"^(?:President|Prime Minister|Minister|Mr|Mrs|Ms|Dr|Sir|Chancellor|King|Queen|Prince|General|"
                     r"Gen\.|Secretary|Senator|Judge|Spokesman|Spokeswoman|Turkish|Russian|Syrian|American)\s+")
PLACE_LABELS = {"GPE", "LOC", "FAC"}
_BREAK = re.compile(r"[,;:()]|\s[-–—]\s")
#: "in"/"at" (and the like) at the end of the text before a place: where something happens
_MOTION = {"visit", "travel", "go", "fli", "head", "arriv", "come", "move", "flee", "send", "deploy", "open", "return"}
#: For a "which city" question, names that look like countries weigh less, and the other way round.
TYPE_CONTRASTS = {"city": "country", "town": "country", "capital": "country", "country": "city", "nation": "city"}
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
    named_in: Sentence | None = None  # where the answer is named, when not in ``sentence`` (a quotation's speaker)


def weigh_unsaid(candidates: list[Candidate], says: list[bool], weight: float) -> None:
    """Where some candidates' sentences say what is asked (``says``, one per candidate), the others weigh
    ``weight``; where none do, all stay as they are."""
    if any(says):
        for candidate, said in zip(candidates, says):
            if not said:
                candidate.score *= weight


def predicate_stems(question: Question) -> list[str]:
    """The question's words other than its names ("meet" in "Where did Putin and Erdogan meet?")."""
    names = question.entity_stems
    predicate = [s for s in question.stems if s not in names] or question.stems
    # "talk" in "hold talks"; "gather" in "Where have they gathered since Erdogan opened the borders?"
    return [s for s in predicate if s not in question.light and s not in question.background] or predicate


def act_stems(question: Question) -> tuple[list[str], set[str]]:
    """The question's own act (its predicate stems) without the words of a clause that only says which
    thing is meant ("hit" in "Which town was hit in the airstrike that killed the soldiers?", not
    "killed"), and those describing words (the names left out of them)."""
    event = predicate_stems(question)
    described = {stem(w) for w in describing_words(question.text)} - question.entity_stems
    return [t for t in event if t not in described] or event, described


def _nearest(sentence: Sentence, stems: list[str] | set[str], start: int, end: int) -> int | None:
    """Characters from the span to the nearest of ``stems`` (a clause break counts as 40 more)."""
    best = None
    for s, e, word in words(sentence.text):
        if stem(word) in stems and not (s >= start and e <= end):
            gap = sentence.text[end:s] if s >= end else sentence.text[e:start]
            distance = len(gap) + 40 * len(_BREAK.findall(gap))
            best = distance if best is None else min(best, distance)
    return best


FAR = 0.3  # proximity where none of the question's words is near the answer


def near_act(distance: int) -> float:
    """The proximity of a span ``distance`` characters from a word of the question's act."""
    return FAR + 0.7 / (1.0 + distance / 40.0)


def proximity(sentence: Sentence, question: Question, start: int, end: int) -> float:
    """1.0 when a predicate word of the question sits right beside the span, falling off with distance
    (0.3 when none is near). In a sentence without any predicate word, nearness to the question's names
    counts, but for less (at most 0.7)."""
    # a phrasal verb's particle says too little to place the act ("downed" planes near "gunned down")
    asked = predicate_stems(question)
    predicate = [t for t in asked if t not in question.particles] or asked
    distance = _nearest(sentence, predicate, start, end)
    if distance is not None:
        return near_act(distance)
    distance = _nearest(sentence, question.stems, start, end)
    return FAR if distance is None else FAR + 0.4 / (1.0 + distance / 40.0)


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


_LOCATIVE_QUESTION = re.compile(r"^\s*(?:in|at|near|inside)\s+(?:what|which)\b", re.I)
POSSESSOR = 0.5  # a place named as the owner of what follows ("Damascus' air defence systems")
_POSSESSIVE = re.compile(r"['’]s?\s+[a-z]")
ACTOR = 0.35  # ... and the subject of a verb


def place_weight(question: Question, text: str, start: int, end: int, motion: bool = False) -> float:
    """How much the name at ``text[start:end]`` looks like where the act asked about happened: by the
    preposition before it, and less where it is the subject of a verb ("Ankara killed …": a capital
    acting for its government). Where the question asks for a kind of place, it may ask who acted ("what
    country has issued …"): there only a national capital doing another act than the question's weighs
    less ("which city hosted the talks?": "Moscow hosted them", not "Ankara demanded …")."""
    weight = place_preposition_weight(text[:start], motion)
    if weight != UNGOVERNED:
        return weight
    verb = acts_in(text, start, end)
    if verb is None:
        return weight
    if not question.target or _LOCATIVE_QUESTION.match(question.text):
        return ACTOR
    act, _ = act_stems(question)
    own_act = stem(verb) in act or any(same_act(verb, question.terms.get(term, term)) for term in act)
    return weight if own_act or not capital_countries([text[start:end]]) else ACTOR


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
        weight = 1.0
        if labels & PLACE_LABELS:
            weight = place_weight(question, sentence.text, entity.start, entity.end, motion)
            owner_end = entity.end - 2 if entity.text.endswith(("'s", "’s")) else entity.end
            if _POSSESSIVE.match(sentence.text, owner_end):
                weight *= POSSESSOR  # "three of Damascus' air defence systems": whose, not where
        score = sentence.score * weight * proximity(sentence, question, entity.start, entity.end)
        found.append(Candidate(key, name, sentence, entity.start, entity.end, score))
    return _coordinated(found, question)


_PLACE_HEADS = (r"(?:border|borders|frontier|frontiers|side|coast|coastline|zone|area|region|province|capital|city|town|"
                r"village|camp|camps|crossing|outskirts|countryside|base|port|island)")
#: "on the Turkish side of the border", "across the length of the country's borders", "at Turkey-Greece
#: border": a place said with a common noun rather than a name
_LOCATIVE_PHRASE = re.compile(rf"\b(?:on|at|along|across|near|inside|outside|in|to)\s+("
                              rf"(?:the\s+(?:length|breadth|width|whole|rest|stretch)\s+of\s+)?"  # "the length of …"
                              rf"(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?"
                              rf"{_PLACE_HEADS}(?:\s+of\s+the\s+(?:[\w'’-]+\s+){{0,2}}?{_PLACE_HEADS})?)\b", re.I)


def names_a_place(text: str) -> bool:
    """Does the text say where with a common noun ("at the frontier", "on the Turkish side of the border")?"""
    return bool(_LOCATIVE_PHRASE.search(text))


def locative_candidates(question: Question, sentence: Sentence, entities: list[Entity]) -> list[Candidate]:
    """Where-answers that are not names ("at Turkey-Greece border" is one); phrases holding a place name
    are left to the name itself."""
    found = []
    places = [(e.start, e.end) for e in entities
              if e.label in PLACE_LABELS and not is_modifier(sentence.text, e.start, e.end)]
    for match in _LOCATIVE_PHRASE.finditer(sentence.text):
        start, end = match.span(1)
        inner = [w.lower() for _, _, w in words(re.sub(r"^the\s+|\s+of\s+the\s+", " ", match.group(1)))]
        if (any(w in STOPWORDS or DATE_WORDS.match(w) for w in inner)  # "on Monday by Greek border" is no place
                or any(s < end and start < e for s, e in places) or in_question(match.group(1), question)):
            continue
        display = sentence.text[match.start():end]  # with its preposition: "on the Turkish side of the border"
        score = 0.8 * sentence.score * proximity(sentence, question, start, end)
        found.append(Candidate(re.sub(r"^the\s+", "", match.group(1).lower()), display, sentence, start, end, score))
    return found


_GOVERNED = re.compile(r"\b(?:with|to|into|in|at|from|towards?|between)\s+(?:the\s+)?$")  # "borders with …"


def _coordinated(found: list[Candidate], question: Question) -> list[Candidate]:
    """For a plural target ("which countries"), "Greece and Bulgaria" is one answer; so it is where the
    pair is the object of one preposition ("borders with Greece and Bulgaria"), not "both Moscow and Ankara"."""
    target = (question.target or "").lower().split()
    plural = bool(target) and target[0].endswith(("ies", "s"))
    joined = []
    for a in found:
        if not (plural or _GOVERNED.search(a.sentence.text[:a.start])):
            continue
        for b in found:
            if a.sentence is b.sentence and b.start > a.end and re.fullmatch(r",?\s*(?:and|,)\s*", a.sentence.text[a.end:b.start]):
                display = a.sentence.text[a.start:b.end]
                joined.append(Candidate(display.lower(), display, a.sentence, a.start, b.end, max(a.score, b.score) * 1.1))
    return found + joined


#: "Against whom did Turkey launch the operation?", "Who did Turkey launch it against?"
_AGAINST_QUESTION = re.compile(r"\bagainst\s+(?:whom|who|which|what)\b|\bagainst\s*\??\s*$", re.I)
_AGAINST = re.compile(r"\bagainst\s+((?:the\s+)?(?:[\w'’-]+\s+){0,4}[\w'’-]+)", re.I)
#: where a doer's or target's noun phrase ends ("Greek border police [blocking …]")
_PHRASE_END = re.compile(r"\s+(?:in|on|at|for|after|as|while|over|with|blocking|following|who|which|that|last|this|next|"
                         r"earlier|later|yesterday|today|since|amid)\b|[,.;]")


def against_candidates(question: Question, sentence: Sentence) -> list[Candidate]:
    """For "against whom …": what the sentence says the question's act was against ("launched a full
    military operation … against Russian-backed Syrian regime forces")."""
    if not _AGAINST_QUESTION.search(question.text):
        return []
    act = set(predicate_stems(question))
    if not act & sentence.stems and not any(same_act(question.terms.get(a, a), w) for a in act for w in sentence.content_words):
        return []
    found = []
    for match in _AGAINST.finditer(sentence.text):
        phrase = re.sub(r"^(?:the|The)\s+", "", _PHRASE_END.split(match.group(1))[0].strip())
        if len(phrase) < 3 or in_question(phrase, question) or phrase.lower() in STOPWORDS:
            continue
        start = match.start(1) + match.group(1).find(phrase)
        found.append(Candidate(phrase.lower(), phrase, sentence, start, start + len(phrase), sentence.score * 1.2))
    return found


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
        phrase = _PHRASE_END.split(match.group(2))[0].strip()
        phrase = re.sub(r"^(?:the|The)\s+", "", phrase)
        if len(phrase) < 3 or in_question(phrase, question) or phrase.lower() in STOPWORDS:
            continue
        start = e + match.start(2)
        # "blamed on the regime", "shot dead by Greek border police" name the doer itself
        found.append(Candidate(phrase.lower(), phrase, sentence, start, start + len(phrase), sentence.score * 1.2))
    return found


DATE_WORDS = re.compile(r"^(?:\d{4}|since|until|ago|last|next|today|yesterday|tomorrow|week|month|year|"
                        r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)", re.I)


def labels_for(question: Question) -> set[str]:
    """The entity labels that can answer a who/where question."""
    if question.qtype == QType.WHERE:
        return PLACE_LABELS
    target = (question.target or "").lower()
    if re.search(rf"\b{ORG_NOUNS}\b", target):
        return {"ORG"}
    if re.search(r"countr|nation", target):
        return {"GPE", "NORP"}
    return {"PERSON", "ORG"} if question.qtype == QType.WHO else {"PERSON"}
