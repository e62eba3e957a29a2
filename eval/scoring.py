"""Scoring one answer against its gold Q/A item: accuracy, token F1, dates, abstention, citations, retrieval."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from assistant.dates.resolve import find_dates
from assistant.types import Answer
from eval.dataset import QAItem

_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                 "eight": "8", "nine": "9", "ten": "10", "dozen": "12"}


def normalise(text: str) -> str:
    """Lower case, no accents, no punctuation, digits for small number words, single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    words = [_NUMBER_WORDS.get(w, w) for w in text.split() if w not in ("the", "a", "an")]
    return " ".join(words)


def contains_gold(prediction: str, answers: list[str]) -> bool:
    pred = f" {normalise(prediction)} "
    return any(f" {normalise(a)} " in pred for a in answers if normalise(a))


def token_f1(prediction: str, answers: list[str]) -> float:
    pred = normalise(prediction).split()
    best = 0.0
    for answer in answers:
        gold = normalise(answer).split()
        common = sum((Counter(pred) & Counter(gold)).values())
        if pred and gold and common:
            precision, recall = common / len(pred), common / len(gold)
            best = max(best, 2 * precision * recall / (precision + recall))
    return best


def date_matches(prediction: str, answer_date: str) -> bool:
    """True when an absolute date written in the prediction is the gold day."""
    return any(m.value.isoformat() == answer_date for m in find_dates(prediction, None) if m.granularity == "day")


@dataclass
class GoldSpan:
    doc_id: str
    start: int
    end: int


def _overlaps(a_doc: str, a_start: int, a_end: int, gold: GoldSpan) -> bool:
    return a_doc == gold.doc_id and a_start < gold.end and gold.start < a_end


def score_answer(item: QAItem, answer: Answer, gold_spans: list[GoldSpan], k: int = 5) -> dict:
    """Every metric for one question (None where a metric does not apply)."""
    result: dict = {"id": item.id, "type": item.type, "question": item.question, "answer": answer.short,
                    "text": answer.text, "abstained": answer.abstained, "confidence": round(answer.confidence, 4),
                    "latency_s": answer.timings.get("total"), "standalone_question": answer.standalone_question,
                    "gold": item.answers, "reader": answer.reader, "notes": answer.notes}
    if item.unanswerable:
        result["correct"] = answer.abstained
        result["f1"] = 1.0 if answer.abstained else 0.0
    else:
        correct = not answer.abstained and (contains_gold(answer.short, item.answers)
                                            or (item.answer_date is not None and date_matches(answer.short, item.answer_date)))
        result["correct"] = correct
        result["f1"] = 0.0 if answer.abstained else token_f1(answer.short, item.answers)
    cited = [(c.doc_id, c.start, c.end) for c in answer.citations]
    result["citations"] = len(cited)
    result["citations_supported"] = sum(1 for c in cited if any(_overlaps(*c, g) for g in gold_spans)) if gold_spans else None
    result["citation_recall"] = (sum(1 for g in gold_spans if any(_overlaps(*c, g) for c in cited)) / len(gold_spans)
                                 if gold_spans and not answer.abstained else (0.0 if gold_spans else None))
    ranks = [rank for rank, p in enumerate(answer.retrieved, 1)
             if any(_overlaps(p["doc_id"], p["start"], p["end"], g) for g in gold_spans)]
    result["hit@k"] = (1.0 if ranks and ranks[0] <= k else 0.0) if gold_spans else None
    result["rr"] = (1.0 / ranks[0] if ranks else 0.0) if gold_spans else None
    return result
