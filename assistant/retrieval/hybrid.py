"""Hybrid retrieval over ready articles: BM25 and dense (Chroma) scores, a search per sub-query, fused.

1. The question is decomposed (``assistant.retrieval.plan``): each publisher it names becomes a search restricted
   to that publisher's articles (and to the publication day named next to it, if any); each clause of a long
   question becomes a search restricted to the named publishers, if any.
2. Every search ranks chunks by a weighted sum of BM25 (normalised by the best score) and the dense cosine
   similarity of the whole question (normalised the same way): ``LEXICAL_WEIGHT`` to BM25, the rest to dense.
3. The ranked lists are fused by reciprocal rank with k = 0 (the sum of 1/rank), the whole question's list at
   half weight, so that the top chunk of each sub-query competes for the first places and a chunk found by
   several sub-queries rises.
4. At most ``MAX_PER_ARTICLE`` chunks of one article are kept, so that several articles are covered.
5. In hybrid mode the kept chunks are then ordered by a second fusion, in which each search's best
   ``SENTENCE_DEPTH`` chunks were re-ranked with ``SENTENCE_WEIGHT`` more for the sentences that match the
   search's words together: the best window of ``SENTENCE_WINDOW`` consecutive sentences, scored by the idf of
   the search's terms it contains (divided by the best of these chunks'). A chunk that says in one place what
   the question asks rises above one that scatters the same words. Which chunks are kept stays with step 4:
   on MultiHop-RAG the sentence windows order the first places better (MRR@10 +0.02) but choose the ten no
   better (Hits@10 -0.004 on one half of the dev queries, +0.002 on the other).

A plain question ("When is the summit?") has no sub-queries: the result is the hybrid ranking of the question
(its first chunks in the order of their sentences, step 5).
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from assistant.retrieval.plan import QueryPlan, QuestionParser, SubQuery
from assistant.types import Filters, Passage
from index.bm25 import BM25Index, terms
from index.store import NewsIndex
from index.textutil import sentence_spans

LEXICAL_WEIGHT = 0.7  # BM25's share of a search's score in hybrid mode; dense has the rest
QUESTION_WEIGHT = 0.5  # the whole question's list, relative to each sub-query's list
SENTENCE_WEIGHT = 0.3  # the best sentence window's term coverage, added to a search's score (hybrid mode)
SENTENCE_WINDOW = 2  # consecutive sentences read together
SENTENCE_DEPTH = 20  # the best chunks of each search that are re-ranked by their sentences
DAY_SLACK = timedelta(days=1)  # "published on October 13" matches the 12th to the 14th (time zones)
CANDIDATES = 60  # chunks kept from each search
DENSE_CANDIDATES = 200  # nearest chunks asked of Chroma; the rest get the lowest similarity
MAX_PER_ARTICLE = 4  # chunks of one article kept, so that several articles are covered

#: one search's results: its weight in the fusion, the sub-query, chunk positions best first, their scores
Search = tuple[float, SubQuery, np.ndarray, np.ndarray]


@dataclass
class _ArticleMeta:
    title: str
    source: str | None
    published: datetime | None
    url: str | None


@dataclass
class _Chunks:
    """Per-chunk arrays in BM25 order for one state of the index, and the question parser for it."""

    bm25: BM25Index
    catalog: dict[str, _ArticleMeta]
    doc_ids: list[str]  # article of each chunk
    articles: list[str]  # doc_id of each article number
    article: np.ndarray  # article number of each chunk
    source: np.ndarray  # source number of each chunk (-1 when unknown)
    source_numbers: dict[str, int]
    ready: np.ndarray  # 1.0 for chunks of ready articles (the mask when there are no filters)
    day: np.ndarray  # publication day (UTC) of each chunk, datetime64[D], NaT when unknown
    parser: QuestionParser

    @classmethod
    def build(cls, bm25: BM25Index, catalog: dict[str, _ArticleMeta]) -> "_Chunks":
        doc_ids = [cid.rsplit(":", 1)[0] for cid in bm25.chunk_ids]
        articles = list(dict.fromkeys(doc_ids))
        numbers = {d: i for i, d in enumerate(articles)}
        metas = [catalog.get(d) for d in doc_ids]
        days = [m.published.date() if m and m.published else None for m in metas]
        sources = sorted({m.source for m in catalog.values() if m.source})
        source_numbers = {name: i for i, name in enumerate(sources)}
        return cls(bm25, catalog, doc_ids, articles, np.array([numbers[d] for d in doc_ids], dtype=np.int64),
                   np.array([source_numbers.get(m.source, -1) if m else -1 for m in metas], dtype=np.int64),
                   source_numbers, np.array([m is not None for m in metas], dtype=np.float32),
                   np.array([d or "NaT" for d in days], dtype="datetime64[D]"),
                   QuestionParser(sources, max((d for d in days if d), default=None)))

    def source_mask(self, sources: tuple[str, ...]) -> np.ndarray:
        return np.isin(self.source, [self.source_numbers.get(s, -2) for s in sources])


class HybridRetriever:
    """Top passages for a question.

    >>> retriever = HybridRetriever(NewsIndex(IndexConfig.resolve()))
    >>> passages = retriever.retrieve("When is the summit?", top_k=8)
    """

    MODES = ("hybrid", "dense", "lexical")

    def __init__(self, news: NewsIndex, mode: str = "hybrid"):
        if mode not in self.MODES:
            raise ValueError(f"retrieval mode must be one of {self.MODES}")
        self.mode = mode
        self.news = news
        self._catalog: dict[str, _ArticleMeta] = {}
        self._catalog_generation = -1
        self._chunks: _Chunks | None = None
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

    def parser(self) -> QuestionParser:
        """The question parser for this index's sources and dates."""
        return self._chunk_arrays(self.catalog()).parser

    def retrieve(self, question: str, top_k: int = 8, filters: Filters | None = None,
                 timings: dict[str, float] | None = None) -> list[Passage]:
        timings = timings if timings is not None else {}
        filters = filters or Filters()
        catalog = self.catalog()
        if not catalog:
            return []
        started = time.perf_counter()
        chunks = self._chunk_arrays(catalog)
        dense_future = self._pool.submit(self._dense, question, filters, chunks) if self.mode != "lexical" else None
        allowed = self._allowed(filters, catalog, chunks)
        plan = chunks.parser.parse(question)
        lexical = {q.text: chunks.bm25.scores(q.text, allowed) for q in [SubQuery(question), *plan.subqueries]} \
            if self.mode != "dense" else {}
        timings["lexical"] = time.perf_counter() - started
        dense = dense_future.result() if dense_future else None
        timings["dense"] = time.perf_counter() - started
        fused, refined = self._fuse(question, plan, lexical, dense, allowed, chunks)
        chosen = self._diversify(fused, top_k, chunks)
        if refined is not None:  # the same chunks, in the order that their sentences give
            chosen = sorted(((p, refined.get(p, 0.0)) for p, _ in chosen), key=lambda item: -item[1])
        passages = self._passages(chosen, chunks, catalog)
        timings["retrieve"] = time.perf_counter() - started
        return passages

    # -- per-chunk data ---------------------------------------------------------------------------
    def _chunk_arrays(self, catalog: dict[str, _ArticleMeta]) -> _Chunks:
        bm25 = self.news.bm25()
        with self._lock:
            if self._chunks is None or self._chunks.bm25 is not bm25 or self._chunks.catalog is not catalog:
                self._chunks = _Chunks.build(bm25, catalog)
            return self._chunks

    @staticmethod
    def _allowed(filters: Filters, catalog: dict[str, _ArticleMeta], chunks: _Chunks) -> np.ndarray:
        """1.0 for chunks of ready articles that pass ``filters``, else 0.0."""
        if not filters:
            return chunks.ready
        metas = (catalog.get(d) for d in chunks.articles)
        ok = np.fromiter((bool(m and filters.allows(m.published, m.source)) for m in metas),
                         dtype=np.float32, count=len(chunks.articles))
        return ok[chunks.article]

    def _dense(self, question: str, filters: Filters, chunks: _Chunks) -> np.ndarray:
        """Cosine similarity to the question of Chroma's nearest ``DENSE_CANDIDATES`` chunks, NaN elsewhere."""
        vector = self.news.embedder.get_query_embedding(question)
        vectors = self.news.vectors
        n = max(1, min(DENSE_CANDIDATES, len(chunks.doc_ids)))
        try:  # ids and distances only: the texts come from the docstore, for the chosen chunks
            result = vectors.collection.query(query_embeddings=[vector], n_results=n, include=["distances"],
                                              where=filters.chroma_where())
            hits = list(zip(result["ids"][0], (1.0 - d for d in result["distances"][0])))
        except Exception as err:
            if vectors.config.chroma_url:  # the engine answers from BM25 alone when the server fails
                from index.vectors import VectorStoreUnavailable
                raise VectorStoreUnavailable(f"the Chroma server at {vectors.config.chroma_url} failed: {err}") from err
            hits = [(h.chunk_id, h.similarity) for h in vectors.query(vector, n, where=filters.chroma_where())]
        similarity = np.full(len(chunks.doc_ids), np.nan, dtype=np.float32)
        position = chunks.bm25.position
        for chunk_id, value in hits:
            if chunk_id in position:
                similarity[position[chunk_id]] = value
        return similarity

    # -- searching and fusing ---------------------------------------------------------------------
    def _mask(self, query: SubQuery, allowed: np.ndarray, chunks: _Chunks) -> np.ndarray | None:
        """Where ``query`` may look: its sources (and its day, unless no article is that near), or None."""
        mask = allowed > 0
        if query.sources:
            mask = mask & chunks.source_mask(query.sources)
        if query.day is not None:
            near = mask & (np.abs(chunks.day - np.datetime64(query.day, "D")) <= np.timedelta64(DAY_SLACK.days, "D"))
            mask = near if near.any() else mask
        return mask if mask.any() else None

    def _search(self, lexical: np.ndarray | None, dense: np.ndarray | None, mask: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
        """Chunk positions in ``mask``, best first, and their scores: the weighted sum of BM25 and dense scores,
        each divided by its maximum. In hybrid mode a chunk beyond Chroma's nearest counts their lowest similarity."""
        score = np.zeros(len(mask), dtype=np.float32)
        usable = np.zeros(len(mask), dtype=bool)
        found = dense is not None and not np.isnan(dense).all()
        if lexical is not None:
            best = float((lexical * mask).max())
            if best > 0:
                score += (LEXICAL_WEIGHT if found else 1.0) * lexical / best
                usable |= lexical > 0
        if found:
            similarity = dense if lexical is None else np.where(np.isnan(dense), np.nanmin(dense), dense)
            weight = 1.0 - LEXICAL_WEIGHT if lexical is not None else 1.0
            score += weight * similarity / max(float(np.nanmax(dense)), 1e-6)
            usable |= ~np.isnan(similarity)
        score = np.where(mask & usable, score, -np.inf)
        k = min(CANDIDATES, int(np.isfinite(score).sum()))
        if k == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        top = np.argpartition(-score, k - 1)[:k]
        top = top[np.argsort(-score[top], kind="stable")]
        return top, score[top]

    def _fuse(self, question: str, plan: QueryPlan, lexical: dict[str, np.ndarray], dense: np.ndarray | None,
              allowed: np.ndarray, chunks: _Chunks) -> tuple[list[tuple[int, float]], dict[int, float] | None]:
        """(chunk position, fused score), best first: the sum over searches of weight / rank; and in
        hybrid mode the same sum over the searches re-ranked by their sentences (None otherwise)."""
        searches: list[Search] = []
        searched: set[tuple] = set()
        for weight, query in [(QUESTION_WEIGHT, SubQuery(question)), *((1.0, q) for q in plan.subqueries)]:
            mask = self._mask(query, allowed, chunks)
            key = (query.text if lexical else "", query.sources, query.day)
            if mask is None or key in searched:
                continue
            searched.add(key)
            searches.append((weight, query, *self._search(lexical.get(query.text), dense, mask)))
        fused = self._reciprocal_ranks(searches)
        refined = None
        if self.mode == "hybrid" and SENTENCE_WEIGHT > 0 and searches:
            refined = self._reciprocal_ranks(self._rerank_by_sentences(searches, chunks))
        return sorted(fused.items(), key=lambda item: -item[1]), refined

    def _reciprocal_ranks(self, searches: list[Search]) -> dict[int, float]:
        """Chunk position → the sum over searches of weight / its rank in that search."""
        fused: dict[int, float] = {}
        for weight, _, ranked, _ in searches:
            for rank, position in enumerate(ranked, 1):
                fused[int(position)] = fused.get(int(position), 0.0) + weight / rank
        return fused

    def _rerank_by_sentences(self, searches: list[Search], chunks: _Chunks) -> list[Search]:
        """Each search's best ``SENTENCE_DEPTH`` chunks re-ranked with ``SENTENCE_WEIGHT`` times their best sentence
        window's coverage of the search's terms (idf-weighted, divided by the best of these chunks')."""
        heads = {int(p) for _, _, ranked, _ in searches for p in ranked[:SENTENCE_DEPTH]}
        sentences = self._sentence_terms(sorted(heads), chunks)
        reranked = []
        for weight, query, ranked, scores in searches:
            head, tail = ranked[:SENTENCE_DEPTH], ranked[SENTENCE_DEPTH:]
            idf = chunks.bm25.token_idf(sorted(terms(query.text)))
            coverage = np.array([window_coverage(sentences.get(int(p), []), idf) for p in head], dtype=np.float32)
            if len(head) and coverage.max() > 0:
                score = scores[:len(head)] + SENTENCE_WEIGHT * coverage / coverage.max()
                order = np.argsort(-score, kind="stable")
                ranked = np.concatenate([head[order], tail])
                scores = np.concatenate([score[order], scores[len(head):]])
            reranked.append((weight, query, ranked, scores))
        return reranked

    def _sentence_terms(self, positions: list[int], chunks: _Chunks) -> dict[int, list[set[str]]]:
        """The BM25 terms of each sentence of these chunks (sentences as the index stored them)."""
        ids = [chunks.bm25.chunk_ids[p] for p in positions]
        texts = self.news.docstore.chunks_by_id(ids)
        stored = self.news.docstore.sentence_vectors(ids)
        found: dict[int, list[set[str]]] = {}
        for position, chunk_id in zip(positions, ids):
            chunk = texts.get(chunk_id)
            if chunk is not None:
                spans = stored[chunk_id][0] if chunk_id in stored else sentence_spans(chunk.text)
                found[position] = [terms(chunk.text[start:end]) for start, end in spans or [(0, len(chunk.text))]]
        return found

    def _diversify(self, fused: list[tuple[int, float]], top_k: int, chunks: _Chunks) -> list[tuple[int, float]]:
        """Best first, at most ``MAX_PER_ARTICLE`` chunks of one article unless too few articles match."""
        chosen, overflow, per_doc = [], [], {}
        for position, score in fused:
            article = chunks.article[position]
            if per_doc.get(article, 0) < MAX_PER_ARTICLE:
                per_doc[article] = per_doc.get(article, 0) + 1
                chosen.append((position, score))
            else:
                overflow.append((position, score))
            if len(chosen) >= top_k:
                break
        chosen.extend(overflow[: max(0, top_k - len(chosen))])
        return chosen

    def _passages(self, chosen: list[tuple[int, float]], chunks: _Chunks, catalog: dict[str, _ArticleMeta]
                  ) -> list[Passage]:
        ids = [chunks.bm25.chunk_ids[p] for p, _ in chosen]
        texts = self.news.docstore.chunks_by_id(ids)
        passages = []
        for (position, score), chunk_id in zip(chosen, ids):
            chunk = texts.get(chunk_id)
            if chunk is None or chunk.doc_id not in catalog:
                continue
            meta = catalog[chunk.doc_id]
            passages.append(Passage(
                chunk_id=chunk_id, doc_id=chunk.doc_id, text=chunk.text, start=chunk.start, end=chunk.end,
                title=meta.title, source=meta.source, published=meta.published, url=meta.url, score=score))
        return passages


def window_coverage(sentences: list[set[str]], idf: dict[str, float], window: int = SENTENCE_WINDOW) -> float:
    """The most idf that ``window`` consecutive sentences cover of the terms in ``idf`` (each term counted once)."""
    present = [s & idf.keys() for s in sentences]
    best = 0.0
    for start in range(max(1, len(present) - window + 1)):
        best = max(best, sum(idf[t] for t in set().union(*present[start:start + window])))
    return best
