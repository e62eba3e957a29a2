"""The extractive reader's abstention threshold that does best on a Newsdesk Q/A set.

Every question is answered with the threshold at 0; then each candidate threshold is scored by how
many questions it gets right (answerable ones answered correctly, unanswerable ones abstained). This
is an estimate: under a threshold the reader gives a typed question its best sentence rather than an
abstention, which answers given at 0 cannot show; confirm a value by a run with it. The reader's own
``ABSTAIN_THRESHOLD`` (``assistant/readers/extractive/reader.py``) is set on real news, the RealTime QA
development half (``eval.benchmarks.bench_reader --threshold T``, one run per value), not on these sets.
"""

from __future__ import annotations

from assistant.engine import AnswerEngine
from eval.dataset import QAItem
from eval.runner import run_qa


def calibrate(items: list[QAItem], engine: AnswerEngine) -> dict:
    reader = engine.extractive
    saved = reader.threshold
    reader.threshold = 0.0
    try:
        results = run_qa(items, engine)
    finally:
        reader.threshold = saved
    return best_threshold(results)


def best_threshold(results: list[dict]) -> dict:
    """The threshold that gets most questions right, from answers given with no threshold: an answer
    whose confidence is below the threshold turns into an abstention; other abstentions stay as they are.
    A cut ``c`` in the table stands for every threshold above the confidence before it, up to ``c``
    (the answers below it are the same); the value chosen is the middle of the best such range."""
    answered = [r for r in results if not r["abstained"]]
    fixed = sum(1 for r in results if r["abstained"] and r["type"] == "unanswerable")
    cuts = sorted({0.0, *(round(r["confidence"], 4) for r in answered), 10.0})
    table = []
    for cut in cuts:
        right = fixed + sum(1 for r in answered
                            if (r["confidence"] < cut) == (r["type"] == "unanswerable")
                            and (r["confidence"] < cut or r["correct"]))
        table.append((cut, right))
    best = max(right for _, right in table)
    good = [cut for cut, right in table if right == best]
    lower = max((c for c in cuts if c < good[0]), default=good[0])  # exclusive: that answer abstains above it
    upper = good[-1]
    return {"threshold": round((lower + upper) / 2 if upper < 10 else good[0], 3), "correct": best,
            "questions": len(results), "range": [lower, upper], "table": table}
