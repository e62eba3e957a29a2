"""Answers that are a sentence, or a name given in one: what / why questions, and "what is it
called". The typed answers (when, where, who, how many) are in extractive.py."""

from __future__ import annotations

import re

from assistant.answer_spans import in_question
from assistant.evidence import Sentence, sentence_stems
from assistant.meaning import synonyms
from assistant.question import QType, Question
from assistant.reading import CitationList, Reading, abstention

#: What is asked about (the question's words other than names) must be in the answering sentence.
MIN_FOCUS_COVERAGE = 0.5
_CAUSE = re.compile(r"\bso \w+ that\b|\b(?:because(?: of)?|(?<!is )(?<!are )(?<!was )(?<!were )due to|in a bid to|in order to|"
                    r"so as to|after|following|amid|since|as a result of|prompted by|in response to|to force|"
                    r"to prevent|to avoid|to stop)\b", re.I)
_SO_THAT = re.compile(r"so \w+ that", re.I)
#: "What did Putin tell Erdogan …" is answered by what Putin said, where a sentence gives it
SPEAKER_BONUS = 1.2
_SAID = re.compile(r"\b(?:said|says|told|tells|added|stated|stressed|noted|insisted|warned|reiterated|pointed out)\b", re.I)
#: "What is the operation called?", "what's the name of …": the answer is a name given in the text …
_NAMING_QUESTION = re.compile(r"\b(?:called|named|dubbed|code-?named|code-?names?|known as|name of|name for|names?|calling (?:its?|the|their))\b", re.I)
#: … introduced by a naming word: "a full military operation, dubbed Operation Spring Shield"
_NAMED = re.compile(r"\b(?:dubbed|called|named|code-?named|known as|titled|nicknamed)\s+[\"'“‘]?"
                    r"((?:[A-Z][\w'’-]*)(?:\s+(?:(?:of|the|de|al|and)\s+)?[A-Z][\w'’-]*)*)")


def on_topic(sentence: Sentence, focus_coverage: float | None = None) -> bool:
    """Does the sentence speak of what is asked? Most of the question's words other than names, or
    some of them in the sentence closest in meaning (a paraphrase). ``focus_coverage``: that share
    counted with synonyms (default: the sentence's own, word for word)."""
    coverage = sentence.focus_coverage if focus_coverage is None else focus_coverage
    return coverage >= MIN_FOCUS_COVERAGE or (sentence.semantic_rank >= 0.999 and coverage >= MIN_FOCUS_COVERAGE / 4)


def focus_by_meaning(question: Question, sentence: Sentence, weights: dict[str, float]) -> float:
    """The weighted share of the question's words other than names that the sentence says, in its own
    words or a WordNet synonym ("allowing" for "let")."""
    focus = {t: w for t, w in weights.items() if t not in question.entity_stems}
    said = sum(w for t, w in focus.items()
               if t in sentence.stems or any(synonyms(question.terms.get(t, t), token) for token in sentence.content_words))
    return said / sum(focus.values()) if focus else sentence.focus_coverage


def _speaker_of(question: Question, sentence: Sentence) -> bool:
    """Does the sentence give the words of someone the question names ("…, Putin told Erdogan")?"""
    return any(question.entity_stems & sentence_stems(sentence.text[max(0, m.start() - 30):m.end() + 30])
               for m in _SAID.finditer(sentence.text))


def named_answer(question: Question, sentences: list[Sentence], threshold: float) -> Reading | None:
    """A "what is it called" answer: the best sentence (sharing a word with the question) that gives a
    name with "dubbed", "called", "known as"; None when no sentence does."""
    found = [(s, m) for s in sentences for m in _NAMED.finditer(s.text)
             if s.coverage > 0 and not in_question(m.group(1), question)]
    if not found:
        return None
    sentence, match = max(found, key=lambda pair: pair[0].score)
    if sentence.score < threshold:
        return abstention("the evidence is too weak", sentence.score)
    cites = CitationList()
    name = match.group(1)
    return Reading(f"{name} {cites.mark(sentence)}.\n\n{cites.quotes()}", name, cites.items, False, sentence.score)


def sentence_answer(question: Question, ranked: list[Sentence], sentences: list[Sentence], weights: dict[str, float],
                    threshold: float) -> Reading:
    """What/why answers: the best sentence that speaks of what is asked (a why needs a reason in it)."""
    if question.qtype == QType.WHAT and _NAMING_QUESTION.search(question.text):
        named = named_answer(question, sentences, threshold)  # a name given anywhere in the passages
        if named is not None:
            return named
    topical = {id(s): on_topic(s, focus_by_meaning(question, s, weights)) for s in ranked}
    speaking = question.stems_include_reporting and question.entity_stems
    best = max(ranked, key=lambda s: (topical[id(s)], s.score * (SPEAKER_BONUS if speaking and _speaker_of(question, s) else 1)))
    if question.qtype == QType.WHY and not _CAUSE.search(best.text):
        # a why-question is answered by a sentence that gives a reason: the best such one, if it is
        # nearly as good a match
        reasons = [s for s in ranked if _CAUSE.search(s.text) and topical[id(s)] == topical[id(best)]
                   and s.score >= 0.8 * best.score]
        best = max(reasons, key=lambda s: s.score, default=best)
    confidence = best.score
    if not topical[id(best)]:
        return abstention("the articles do not mention what is asked", confidence * 0.5)
    if confidence < threshold:
        return abstention("the evidence is too weak", confidence)
    cites = CitationList()
    mark = cites.mark(best)
    short = best.text
    if question.qtype == QType.WHY:
        cause = _CAUSE.search(best.text)
        if cause is None:
            return abstention("no reason is given in the matching passages", confidence * 0.5)
        clause_end = best.text.find(", ", cause.end())
        begin = cause.start()
        if _SO_THAT.match(cause.group(0)):  # "the situation has become so grave that …": the whole clause
            begin = best.text.rfind(", ", 0, cause.start()) + 2 if ", " in best.text[:cause.start()] else 0
        short = best.text[begin:clause_end if clause_end > 0 else len(best.text)].rstrip(" .")
        short = short[0].upper() + short[1:]
    text = f"{short} {mark}"
    return Reading(f"{text}\n\n{cites.quotes()}", short, cites.items, False, confidence)
