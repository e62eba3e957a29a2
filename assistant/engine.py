"""The answer engine: analyse -> retrieve -> read -> cite -> verify, with timings per stage.

One engine serves many chats (it holds the index, the models and the readers); a chat's history is
passed in per call. See :mod:`assistant.chat` for the user-facing ``Assistant`` and ``answer()``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from assistant import clause
from assistant.extractive import ExtractiveReader
from assistant.reading import ReaderInputs, Reading
from assistant.followup import Turn, rewrite_followup
from assistant.question import analyse, normalise_question
from assistant.truecase import Casing, casing_table, truecase
from assistant.retrieval import Filters, HybridRetriever
from assistant.types import Answer, Citation
from assistant.wordnet import noun_net, sense_net
from index.config import SAMPLE_CORPUS, IndexConfig, default_index_dir
from index.lock import StoreBusy
from index.store import NewsIndex
from index.vectors import VectorStoreUnavailable

log = logging.getLogger("newsdesk")


class IndexMissing(RuntimeError):
    """There is no index to answer from (and it was not to be built)."""


@dataclass
class StreamEvent:
    """What :meth:`AnswerEngine.stream` yields: status lines, text deltas, then the final answer."""

    kind: str  # "status", "delta" or "answer"
    text: str = ""
    answer: Answer | None = None


class AnswerEngine:
    """Answers questions over one index.

    >>> engine = AnswerEngine(IndexConfig.resolve())
    >>> engine.answer("When is the summit?").text
    """

    def __init__(self, config: IndexConfig, llm: Any = None, top_k: int = 8, build_if_missing: bool | None = None):
        self.config = config
        self.top_k = top_k
        self.news = NewsIndex(config)
        self.retriever = HybridRetriever(self.news)
        self.keyword_retriever = HybridRetriever(self.news, mode="lexical")  # when the vector store is away
        self.extractive = ExtractiveReader(embed=self._embed_short)
        self.generative = None
        if llm is not None:
            from assistant.generative import GenerativeReader

            self.generative = GenerativeReader(llm)
        self._ready_lock = threading.Lock()
        self._checked = False
        self._casing: tuple[int, Casing] | None = None  # (docstore generation, how the articles write words)
        if build_if_missing is None:
            build_if_missing = config.index_dir == default_index_dir() and not config.chroma_url
        self.build_if_missing = build_if_missing

    # -- readiness --------------------------------------------------------------------------------
    def ensure_index(self) -> None:
        """Build the default index from the bundled corpus on first use; else insist one exists."""
        if self._checked:
            return
        with self._ready_lock:
            if self._checked:
                return
            if not self.news.docstore.ready_ids():
                if not self.build_if_missing:
                    raise IndexMissing(f"no articles are indexed in {self.config.index_dir} "
                                       f"(run: newsdesk index PATH --index-dir {self.config.index_dir})")
                from index.indexer import Indexer

                log.info("indexing the bundled sample corpus into %s", self.config.index_dir)
                Indexer(self.news, lock_timeout=60).run([SAMPLE_CORPUS])
            self._checked = True

    def warm_up(self) -> None:
        """Load the models (and take ownership of an embedded vector store) now, not on the first question."""
        self.ensure_index()
        try:
            self.news.vectors
        except (VectorStoreUnavailable, StoreBusy) as err:
            log.warning("vector search unavailable for now, keyword search will be used: %s", err)
        self.news.embedder.get_query_embedding("warm up")
        self.news.bm25()
        self.extractive.tagger.warm_up()
        noun_net()
        sense_net()
        clause.warm_up()  # the parser yes/no questions use
        self.casing()

    def casing(self) -> Casing:
        """How the articles write the names a question may type in lower case (rebuilt when they change)."""
        generation = self.news.docstore.generation()
        if self._casing is None or self._casing[0] != generation:
            table = casing_table(chunk.text for chunk, _, _ in self.news.docstore.ready_chunks())
            self._casing = (generation, table)
        return self._casing[1]

    # -- answering --------------------------------------------------------------------------------
    def answer(self, question: str, history: Sequence[Turn] = (), filters: Filters | None = None,
               top_k: int | None = None, reader: str = "auto") -> Answer:
        final = None
        for event in self.stream(question, history, filters, top_k, reader):
            if event.kind == "answer":
                final = event.answer
        assert final is not None
        return final

    def stream(self, question: str, history: Sequence[Turn] = (), filters: Filters | None = None,
               top_k: int | None = None, reader: str = "auto") -> Iterator[StreamEvent]:
        """Status events, text deltas (from an LLM), then the final, verified answer."""
        started = time.perf_counter()
        timings: dict[str, float] = {}
        text = normalise_question(question)  # raises BadQuestion
        self.ensure_index()
        cased = truecase(text, self.casing())  # "where did putin meet erdogan": names, as the articles write them
        standalone = rewrite_followup(cased, list(history))
        if self.generative is not None and reader != "extractive" and history:
            standalone = self.generative.rewrite_followup(cased, list(history), fallback=standalone)
        analysed = analyse(standalone)
        analysed.qtype = analyse(cased).qtype if cased != standalone else analysed.qtype
        timings["analyse"] = time.perf_counter() - started
        yield StreamEvent("status", "Searching the articles…")
        notes: list[str] = []
        try:
            passages = self.retriever.retrieve(standalone, top_k or self.top_k, filters, timings)
        except (VectorStoreUnavailable, StoreBusy) as err:
            log.warning("vector search unavailable, using keyword search: %s", err)
            notes.append(f"keyword search only: {err}")
            passages = self.keyword_retriever.retrieve(standalone, top_k or self.top_k, filters, timings)
        mark = time.perf_counter()
        inputs = ReaderInputs(
            analysed, passages,
            idf=self.news.bm25().idf(list(analysed.terms.values())) if passages else {},
            query_vector=self._query_vector(standalone) if passages else None,
            sentence_vectors=self.news.docstore.sentence_vectors([p.chunk_id for p in passages]) if passages else {})
        idf = inputs.idf
        inputs.idf = {s: idf.get(w, 1.0) for s, w in analysed.terms.items()}
        reading: Reading | None = None
        used = "extractive"
        if self.generative is not None and reader in ("auto", "llm") and passages:
            yield StreamEvent("status", "Writing the answer…")
            for event in self.generative.stream(inputs):
                if isinstance(event, str):
                    yield StreamEvent("delta", event)
                else:
                    reading = event
            if reading is not None and reading.abstained and reading.notes and reading.notes[0].startswith("fallback"):
                notes.extend(reading.notes)
                reading = None
            else:
                used = self.generative.name
        if reading is None:
            reading = self.extractive.read(inputs)
        timings["read"] = time.perf_counter() - mark
        citations = self._verified(reading.citations)
        timings["total"] = time.perf_counter() - started
        answer = Answer(question=text, text=reading.text, citations=citations, abstained=reading.abstained,
                        timings={k: round(v, 4) for k, v in timings.items()}, short=reading.short,
                        standalone_question=standalone if standalone != cased else None, reader=used,
                        confidence=reading.confidence, notes=notes + reading.notes,
                        retrieved=[{"doc_id": p.doc_id, "chunk_id": p.chunk_id, "start": p.start, "end": p.end,
                                    "score": round(p.score, 5)} for p in passages])
        yield StreamEvent("answer", answer.text, answer)

    def _embed_short(self, texts: list[str]) -> Any:
        import numpy as np

        return np.asarray(self.news.embedder.embed(texts), dtype=np.float32)  # one batch

    def _query_vector(self, text: str) -> Any:
        import numpy as np

        return np.asarray(self.news.embedder.get_query_embedding(text), dtype=np.float32)

    def _verified(self, citations: list[Citation]) -> list[Citation]:
        """Every citation's quote must be the article's text at its offsets; anything else is a bug."""
        for citation in citations:
            article = self.news.docstore.article(citation.doc_id)
            if article is None or article.text[citation.start:citation.end] != citation.quote:
                raise AssertionError(f"citation [{citation.n}] does not match its article at {citation.start}:{citation.end}")
        return citations
