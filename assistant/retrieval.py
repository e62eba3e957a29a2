"""Hybrid retrieval: dense (Chroma) and BM25 in parallel, fused by reciprocal rank, over ready articles only."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, time as dtime, timezone

import numpy as np

from assistant.types import Passage
from index.store import NewsIndex


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval to a publication-date range and/or some sources."""

    published_from: date | None = None
    published_to: date | None = None
    sources: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.published_from or self.published_to or self.sources)

    def _bounds(self) -> tuple[float | None, float | None]:
        low = datetime.combine(self.published_from, dtime.min, timezone.utc).timestamp() if self.published_from else None
        high = datetime.combine(self.published_to, dtime.max, timezone.utc).timestamp() if self.published_to else None
        return low, high

    def chroma_where(self) -> dict | None:
        clauses: list[dict] = []
        low, high = self._bounds()
        if low is not None:
            clauses.append({"published_ts": {"$gte": low}})
        if high is not None:
            clauses.append({"published_ts": {"$lte": high}})
        if self.sources:
            clauses.append({"source": {"$in": list(self.sources)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def allows(self, published: datetime | None, source: str | None) -> bool:
        low, high = self._bounds()
        if low is not None or high is not None:
            if published is None:
                return False
            ts = published.timestamp()
            if (low is not None and ts < low) or (high is not None and ts > high):
                return False
        return not self.sources or (source or "") in self.sources


@dataclass
class _ArticleMeta:
    title: str
    source: str | None
    published: datetime | None
    url: str | None


class HybridRetriever:
    """Top passages for a question.

    >>> retriever = HybridRetriever(NewsIndex(IndexConfig.resolve()))
    >>> passages = retriever.retrieve("When is the summit?", top_k=8)
    """

    MODES = ("hybrid", "dense", "lexical")

    def __init__(self, news: NewsIndex, candidates: int = 50, rrf_k: int = 60, max_per_article: int = 3,
                 mode: str = "hybrid"):
        if mode not in self.MODES:
            raise ValueError(f"retrieval mode must be one of {self.MODES}")
        self.mode = mode
        self.news = news
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.max_per_article = max_per_article
        self._catalog: dict[str, _ArticleMeta] = {}
        self._catalog_generation = -1
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-dense")

    def catalog(self) -> dict[str, _ArticleMeta]:
        """Metadata of every ready article (reloaded when the index changes)."""
        generation = self.news.docstore.generation()
        with self._lock:
            if generation != self._catalog_generation:
                self._catalog = {
                    a.doc_id: _ArticleMeta(a.title, a.source, datetime.fromisoformat(a.published) if a.published else None, a.url)
                    for a in self.news.docstore.ready_articles()}
                self._catalog_generation = generation
            return self._catalog

    def sources(self) -> list[str]:
        return sorted({m.source for m in self.catalog().values() if m.source})

    def retrieve(self, question: str, top_k: int = 8, filters: Filters | None = None,
                 timings: dict[str, float] | None = None) -> list[Passage]:
        timings = timings if timings is not None else {}
        filters = filters or Filters()
        catalog = self.catalog()
        if not catalog:
            return []
        started = time.perf_counter()
        dense_future = self._pool.submit(self._dense, question, filters, catalog) if self.mode != "lexical" else None
        lexical = self._lexical(question, filters, catalog) if self.mode != "dense" else {}
        timings["lexical"] = time.perf_counter() - started
        dense = dense_future.result() if dense_future else {}
        timings["dense"] = time.perf_counter() - started
        fused = self._fuse(dense, lexical)
        chosen = self._diversify(fused, top_k)
        passages = self._passages(chosen, dense, lexical, catalog)
        timings["retrieve"] = time.perf_counter() - started
        return passages

    # -- the two retrievers -----------------------------------------------------------------------
    def _dense(self, question: str, filters: Filters, catalog: dict[str, _ArticleMeta]) -> dict[str, tuple[int, float, str]]:
        vector = self.news.embedder.get_query_embedding(question)
        hits = self.news.vectors.query(vector, self.candidates * 2, where=filters.chroma_where())
        ranked = [h for h in hits if h.doc_id in catalog][: self.candidates]
        return {h.chunk_id: (rank, h.similarity, h.text) for rank, h in enumerate(ranked)}

    def _lexical(self, question: str, filters: Filters, catalog: dict[str, _ArticleMeta]) -> dict[str, tuple[int, float]]:
        bm25 = self.news.bm25()
        if not bm25.chunk_ids:
            return {}
        doc_of = [cid.rsplit(":", 1)[0] for cid in bm25.chunk_ids]
        mask = np.fromiter(
            (1.0 if d in catalog and (not filters or filters.allows(catalog[d].published, catalog[d].source)) else 0.0
             for d in doc_of), dtype=np.float32, count=len(doc_of))
        scores = bm25.scores(question, mask)
        k = min(self.candidates, int((scores > 0).sum()))
        if k == 0:
            return {}
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return {bm25.chunk_ids[i]: (rank, float(scores[i])) for rank, i in enumerate(top)}

    # -- fusion -----------------------------------------------------------------------------------
    def _fuse(self, dense: dict[str, tuple], lexical: dict[str, tuple]) -> list[tuple[str, float]]:
        scores: dict[str, float] = {}
        for chunk_id, (rank, *_rest) in dense.items():
            scores[chunk_id] = scores.get(chunk_id, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        for chunk_id, (rank, _score) in lexical.items():
            scores[chunk_id] = scores.get(chunk_id, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        return sorted(scores.items(), key=lambda item: -item[1])

    def _diversify(self, fused: list[tuple[str, float]], top_k: int) -> list[tuple[str, float]]:
        """Best first, at most ``max_per_article`` chunks of one article unless too few articles match."""
        chosen, overflow, per_doc = [], [], {}
        for chunk_id, score in fused:
            doc_id = chunk_id.rsplit(":", 1)[0]
            if per_doc.get(doc_id, 0) < self.max_per_article:
                per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
                chosen.append((chunk_id, score))
            else:
                overflow.append((chunk_id, score))
            if len(chosen) >= top_k:
                break
        chosen.extend(overflow[: max(0, top_k - len(chosen))])
        return chosen

    def _passages(self, chosen: list[tuple[str, float]], dense: dict, lexical: dict,
                  catalog: dict[str, _ArticleMeta]) -> list[Passage]:
        chunks = self.news.docstore.chunks_by_id([cid for cid, _ in chosen])
        passages = []
        for chunk_id, score in chosen:
            chunk = chunks.get(chunk_id)
            if chunk is None:
                continue
            meta = catalog[chunk.doc_id]
            d, lx = dense.get(chunk_id), lexical.get(chunk_id)
            passages.append(Passage(
                chunk_id=chunk_id, doc_id=chunk.doc_id, text=chunk.text, start=chunk.start, end=chunk.end,
                title=meta.title, source=meta.source, published=meta.published, url=meta.url, score=score,
                dense=d[1] if d else None, lexical=lx[1] if lx else None,
                dense_rank=d[0] if d else None, lexical_rank=lx[0] if lx else None))
        return passages
