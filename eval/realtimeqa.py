"""RealTime QA (news quizzes over real articles): questions and the scoring the project is judged by.

Built from the public repository by ``../shared/benchmarks/realtimeqa/build.py`` (never committed).
Scoring, as its README says:

- right: not abstained, and a gold alternative is contained in the short answer after lower-casing,
  folding accents and dropping punctuation;
- wrong: answered but not right; abstained: the reader said the articles don't say;
- cited: a citation is from the gold article or one of ``possible_other_sources``;
- unanswerable questions are right only when abstained.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from assistant.readers.llm.reader import normalise


@dataclass
class QuizQuestion:
    id: str
    question: str
    answers: list[str]
    doc: str | None
    other_sources: list[str] = field(default_factory=list)
    unanswerable: bool = False
    question_date: str | None = None

    @property
    def gold_files(self) -> set[str]:
        return ({self.doc} if self.doc else set()) | set(self.other_sources)


def load_questions(path: str | Path) -> list[QuizQuestion]:
    """The questions of a built RealTime QA folder (``questions.jsonl``) or file."""
    path = Path(path)
    if path.is_dir():
        path = path / "questions.jsonl"
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            questions.append(QuizQuestion(row["id"], row["question"], list(row.get("answers") or []), row.get("doc"),
                                          list(row.get("possible_other_sources") or []),
                                          bool(row.get("unanswerable")), row.get("question_date")))
    return questions


def is_right(short: str, answers: list[str]) -> bool:
    """A gold alternative, normalised, is contained in the normalised short answer."""
    said = f" {normalise(short)} "
    return any(normalise(gold) and f" {normalise(gold)} " in said for gold in answers)


def outcome(question: QuizQuestion, abstained: bool, short: str) -> str:
    """``right``, ``wrong`` or ``abstained`` (an abstention on an unanswerable question is right)."""
    if question.unanswerable:
        return "right" if abstained else "wrong"
    if abstained:
        return "abstained"
    return "right" if is_right(short, question.answers) else "wrong"


def summarise(rows: list[dict]) -> dict:
    """Right / wrong / abstained over the answerable questions, unanswerable abstained, citations, latency."""
    import statistics

    answerable = [r for r in rows if not r["unanswerable"]]
    unanswerable = [r for r in rows if r["unanswerable"]]
    right = [r for r in answerable if r["outcome"] == "right"]
    seconds = sorted(r["seconds"] for r in rows)
    firsts = sorted(r["first_token_s"] for r in rows if r.get("first_token_s") is not None)
    tokens = [r["prompt_tokens"] for r in rows if r.get("prompt_tokens")]

    def share(part: list, whole: list) -> float:
        return round(len(part) / len(whole), 3) if whole else 0.0

    def pct(values: list[float], q: float) -> float | None:
        return round(values[min(len(values) - 1, int(q * len(values)))], 2) if values else None

    return {
        "questions": len(rows), "answerable": len(answerable), "unanswerable": len(unanswerable),
        "right": share(right, answerable),
        "wrong": share([r for r in answerable if r["outcome"] == "wrong"], answerable),
        "abstained": share([r for r in answerable if r["outcome"] == "abstained"], answerable),
        "unanswerable_abstained": share([r for r in unanswerable if r["abstained"]], unanswerable),
        "cited_right": share([r for r in right if r["cited"]], right),
        "in_evidence": share([r for r in answerable if r.get("in_evidence")], answerable),
        "prompt_tokens_mean": round(statistics.mean(tokens)) if tokens else None,
        "first_token_p50_s": pct(firsts, 0.5),
        "p50_s": pct(seconds, 0.5), "p95_s": pct(seconds, 0.95),
    }


def curve(rows: list[dict], thresholds: list[float]) -> list[dict]:
    """Right / wrong / abstained and unanswerable abstained at each threshold, from a reader's answers given
    with no threshold (threshold 0): an answer whose confidence is below a threshold becomes an abstention."""
    answerable = [r for r in rows if not r["unanswerable"]]
    unanswerable = [r for r in rows if r["unanswerable"]]
    table = []
    for threshold in thresholds:
        kept = [r for r in answerable if not r["abstained"] and r["confidence"] >= threshold]
        right = sum(1 for r in kept if r["outcome"] == "right")
        table.append({"threshold": threshold, "right": right, "wrong": len(kept) - right,
                      "abstained": len(answerable) - len(kept), "answerable": len(answerable),
                      "unanswerable_abstained": sum(1 for r in unanswerable
                                                    if r["abstained"] or r["confidence"] < threshold),
                      "unanswerable": len(unanswerable)})
    return table
