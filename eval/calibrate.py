"""Calibrate the extractive reader's one abstention threshold on an eval set.

Every question is answered with the threshold at 0; then each candidate threshold is scored by how
many questions it gets right (answerable ones answered correctly, unanswerable ones abstained). The
chosen value is the middle of the best range, which is what ``ABSTAIN_THRESHOLD`` in
``assistant/extractive.py`` is set to.
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
    # an answer below the threshold turns into an abstention; other abstentions stay as they are
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
    # the best range runs from the first good cut to the next confidence above the last good one
    upper = next((c for c in cuts if c > good[-1]), good[-1])
    return {"threshold": round((good[0] + upper) / 2 if upper < 10 else good[0], 3), "correct": best,
            "questions": len(results), "range": [good[0], upper], "table": table}
