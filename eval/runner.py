"""Run an eval set through the public API and collect per-question results and a summary."""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable
from pathlib import Path

from assistant.chat import Assistant
from assistant.engine import AnswerEngine
from eval.dataset import QAItem
from eval.multihop import MultiHopQuery, answer_metrics, retrieval_metrics
from eval.scoring import GoldSpan, score_answer
from index.indexer import Indexer
from index.store import NewsIndex

Progress = Callable[[int, int], None]


class EvalError(RuntimeError):
    """The eval cannot run as asked (e.g. gold evidence missing from the corpus)."""


def build_index(news: NewsIndex, corpus: Path, progress: Callable[[int, int, str], None] | None = None) -> None:
    report = Indexer(news, progress=progress, lock_timeout=60).run([corpus])
    if report.articles_total == 0:
        raise EvalError(f"no articles could be indexed from {corpus}")


def select(items: list, limit: int | None = None, sample: int | None = None, seed: int = 0) -> list:
    """A random sample (follow-ups travel with the question they follow) and/or the first ``limit``."""
    if sample is not None and sample < len(items):
        rng = random.Random(seed)
        roots = [i for i in items if not getattr(i, "followup_of", None)]
        keep = {r.id for r in rng.sample(roots, sample)}
        items = [i for i in items if i.id in keep or getattr(i, "followup_of", None) in keep]
    return items[:limit] if limit else items


def gold_spans(items: list[QAItem], news: NewsIndex) -> dict[str, list[GoldSpan]]:
    """Each item's gold evidence located in the indexed articles (by file name and verbatim quote)."""
    by_name: dict[str, str] = {}
    for origin, record in news.docstore.file_records().items():
        for doc_id in record.doc_ids:
            by_name[Path(origin).name] = doc_id
    texts: dict[str, str] = {}
    spans: dict[str, list[GoldSpan]] = {}
    for item in items:
        spans[item.id] = []
        for evidence in item.evidence:
            doc_id = by_name.get(evidence.article)
            if doc_id is None:
                raise EvalError(f"{item.id}: the article {evidence.article} is not in the indexed corpus")
            if doc_id not in texts:
                texts[doc_id] = news.docstore.article(doc_id).text
            start = texts[doc_id].find(evidence.quote)
            if start < 0:
                raise EvalError(f"{item.id}: the quote is not verbatim in {evidence.article}: {evidence.quote[:60]}…")
            spans[item.id].append(GoldSpan(doc_id, start, start + len(evidence.quote)))
    return spans


def run_qa(items: list[QAItem], engine: AnswerEngine, progress: Progress | None = None, k: int = 5,
           reader: str = "auto") -> list[dict]:
    """Ask every question (follow-ups in their parent's chat) and score each answer."""
    spans = gold_spans(items, engine.news)
    chats: dict[str, Assistant] = {}
    results = []
    for done, item in enumerate(items, 1):
        chat = chats.get(item.followup_of or "") or Assistant(engine=engine, reader=reader)
        chats[item.id] = chat
        answer = chat.ask(item.question)
        results.append(score_answer(item, answer, spans[item.id], k))
        if progress:
            progress(done, len(items))
    return results


def run_multihop(queries: list[MultiHopQuery], engine: AnswerEngine, progress: Progress | None = None,
                 reader: str = "auto") -> list[dict]:
    """The benchmark's retrieval metrics (top 10) and answer accuracy for each query."""
    results = []
    for done, query in enumerate(queries, 1):
        answer = Assistant(engine=engine, top_k=10, reader=reader).ask(query.question)
        chunks = engine.news.docstore.chunks_by_id([p["chunk_id"] for p in answer.retrieved])
        texts = [chunks[p["chunk_id"]].text for p in answer.retrieved if p["chunk_id"] in chunks]
        row = {"id": query.id, "type": query.type, "question": query.question, "gold": query.answer,
               "answer": answer.short, "abstained": answer.abstained, "latency_s": answer.timings.get("total"),
               "retrieve_s": answer.timings.get("retrieve"), "reader": answer.reader, "notes": answer.notes[:6]}
        if query.is_null:
            row["correct"] = answer.abstained
        else:
            row.update(retrieval_metrics(texts, query.facts))
            row.update({k: (0.0 if answer.abstained else v) for k, v in answer_metrics(answer.short, query.answer).items()})
        results.append(row)
        if progress:
            progress(done, len(queries))
    return results


def _mean(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 4) if values else None


def percentile(values: list[float], q: float) -> float | None:
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    return round(values[min(len(values) - 1, int(round(q * (len(values) - 1))))], 4)


def summarise_qa(results: list[dict]) -> dict:
    """Overall and per-type figures."""
    def block(rows: list[dict]) -> dict:
        answerable = [r for r in rows if r["type"] != "unanswerable"]
        unanswerable = [r for r in rows if r["type"] == "unanswerable"]
        abstained = [r for r in rows if r["abstained"]]
        cited = sum(r["citations"] for r in answerable if not r["abstained"])
        supported = sum(r["citations_supported"] or 0 for r in answerable if not r["abstained"])
        return {
            "questions": len(rows),
            "accuracy": _mean([1.0 if r["correct"] else 0.0 for r in answerable]),
            "f1": _mean([r["f1"] for r in answerable]),
            "abstention_precision": round(sum(1 for r in abstained if r["type"] == "unanswerable") / len(abstained), 4) if abstained else None,
            "abstention_recall": _mean([1.0 if r["abstained"] else 0.0 for r in unanswerable]),
            "citation_precision": round(supported / cited, 4) if cited else None,
            "citation_recall": _mean([r["citation_recall"] for r in answerable]),
            "hit@k": _mean([r["hit@k"] for r in answerable]),
            "mrr": _mean([r["rr"] for r in answerable]),
            "latency_p50_s": percentile([r["latency_s"] for r in rows], 0.5),
            "latency_p95_s": percentile([r["latency_s"] for r in rows], 0.95),
        }
    types = sorted({r["type"] for r in results})
    return {"overall": block(results), "by_type": {t: block([r for r in results if r["type"] == t]) for t in types}}


def summarise_multihop(results: list[dict]) -> dict:
    def block(rows: list[dict]) -> dict:
        answered = [r for r in rows if r["type"] != "null_query"]
        nulls = [r for r in rows if r["type"] == "null_query"]
        out = {"queries": len(rows)}
        for key in ("hits@4", "hits@10", "mrr@10", "evidence_recall@10", "accuracy_strict", "accuracy_lenient"):
            out[key] = _mean([r.get(key) for r in answered])
        # every answerable query is right (strict), wrong or abstained: a wrong answer is worse than an abstention
        out["wrong"] = _mean([1.0 if not r["abstained"] and not r.get("accuracy_strict") else 0.0 for r in answered])
        out["abstained"] = _mean([1.0 if r["abstained"] else 0.0 for r in answered])
        out["null_abstention"] = _mean([1.0 if r["abstained"] else 0.0 for r in nulls])
        out["latency_p50_s"] = percentile([r["latency_s"] for r in rows], 0.5)
        out["latency_p95_s"] = percentile([r["latency_s"] for r in rows], 0.95)
        out["retrieve_p50_s"] = percentile([r["retrieve_s"] for r in rows], 0.5)
        return out
    types = sorted({r["type"] for r in results})
    return {"overall": block(results), "by_type": {t: block([r for r in results if r["type"] == t]) for t in types},
            "median_latency_s": statistics.median([r["latency_s"] for r in results]) if results else None}
