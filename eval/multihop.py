"""The MultiHop-RAG layout (a corpus folder and a queries JSONL) and the benchmark's own metrics."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

_SPACE = re.compile(r"\s+")
NULL_ANSWER = "Insufficient information"


@dataclass
class MultiHopQuery:
    id: str
    question: str
    answer: str
    type: str
    facts: list[str] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)

    @property
    def is_null(self) -> bool:
        return self.type == "null_query" or not self.facts


def load_queries(path: str | Path, include_null: bool = True) -> list[MultiHopQuery]:
    queries = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        query = MultiHopQuery(id=row.get("id", str(len(queries))), question=row["question"], answer=row.get("answer", ""),
                              type=row.get("type", ""), facts=[e["fact"] for e in row.get("evidence") or []],
                              evidence=row.get("evidence") or [])
        if include_null or not query.is_null:
            queries.append(query)
    return queries


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


def retrieval_metrics(retrieved: list[str], facts: list[str]) -> dict[str, float]:
    """Hits@4, Hits@10, reciprocal rank@10 and evidence recall@10 for one query, as the benchmark defines them:
    a retrieved chunk is a hit when a gold fact (spaces and newlines removed) is a substring of it."""
    gold = [_squash(f) for f in facts]
    chunks = [_squash(t) for t in retrieved[:10]]
    first_hit = next((rank for rank, chunk in enumerate(chunks, 1) if any(g in chunk for g in gold)), None)
    found = sum(1 for g in gold if any(g in chunk for chunk in chunks))
    return {
        "hits@4": 1.0 if first_hit and first_hit <= 4 else 0.0,
        "hits@10": 1.0 if first_hit else 0.0,
        "mrr@10": 1.0 / first_hit if first_hit else 0.0,
        "evidence_recall@10": found / len(gold) if gold else 0.0,
    }


def answer_metrics(prediction: str, gold: str) -> dict[str, float]:
    """Strict: the gold answer appears in the prediction; lenient (the benchmark's): any gold word does."""
    pred, ans = prediction.lower(), gold.lower()
    strict = 1.0 if ans and ans in pred else 0.0
    gold_words = set(re.findall(r"\w+", ans))
    lenient = 1.0 if gold_words & set(re.findall(r"\w+", pred)) else 0.0
    return {"accuracy_strict": strict, "accuracy_lenient": lenient}
