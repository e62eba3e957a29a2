"""The answer engine: analyse -> retrieve -> read -> cite -> verify, with timings per stage.

One engine serves many chats (it holds the index, the models and the readers); a chat's history is
passed in per call. See :mod:`assistant.chat` for the user-facing ``Assistant`` and ``answer()``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import numpy as np

from assistant.question.asked_on import dated_filters
from assistant.readers.extractive.reader import ExtractiveReader
from assistant.readers.llm.specs import load_chat_model
from assistant.readers.base import ReaderInputs, Reading, abstention
from assistant.readers.llm.backends import ModelBusy, ModelUnavailable
from assistant.readers.llm.reader import LLMReader
from assistant.readers.multihop.plan import Claim, ClaimPlan, plan_claims
from assistant.readers.multihop.reader import MultiHopReader
from assistant.question.followup import Turn, rewrite_followup
from assistant.question.analyse import Question, analyse, normalise_question, question_type
from assistant.retrieval.hybrid import Filters, HybridRetriever
from assistant.types import Answer, Citation, Passage
from index.config import SAMPLE_CORPUS, IndexConfig, default_index_dir
from index.lock import StoreBusy
from index.store import NewsIndex
from index.vectors import VectorStoreUnavailable

log = logging.getLogger("newsdesk")


BUSY = "The model is busy with other questions: please ask again in a moment (or use the instant reader)."


class IndexMissing(RuntimeError):
    """There is no index to answer from (and it was not to be built)."""


@dataclass
class StreamEvent:
    """What :meth:`AnswerEngine.stream` yields: status lines, text deltas, then the final answer."""

    kind: str  # "status", "sources" (the passages retrieved, before the answer), "delta" or "answer"
    text: str = ""
    answer: Answer | None = None
    passages: list[Passage] | None = None


class AnswerEngine:
    """Answers questions over one index.

    >>> engine = AnswerEngine(IndexConfig.resolve())
    >>> engine.answer("When is the summit?").text
    """

    def __init__(self, config: IndexConfig, llm: Any = None, top_k: int = 8, build_if_missing: bool | None = None):
        """``llm``: an LLM spec (``local``, ``openai:URL``, … see :mod:`assistant.readers.llm.specs`), a chat model or a
        llama-index LLM, for the LLM reader; None or ``none``: the extractive reader only."""
        self.config = config
        self.top_k = top_k
        self.news = NewsIndex(config)
        self.retriever = HybridRetriever(self.news)
        self.keyword_retriever = HybridRetriever(self.news, mode="lexical")  # when the vector store is away
        self.extractive = ExtractiveReader(embed=self._embed_short)
        self.llm_reader: LLMReader | None = None
        self.llm_problem: str | None = None  # why the LLM reader could not be used, once it failed to load
        self.multihop: MultiHopReader | None = None
        model = load_chat_model(llm) if llm is not None else None
        if model is not None:
            self.llm_reader = LLMReader(model)
            self.multihop = MultiHopReader(model)
        self._ready_lock = threading.Lock()
        self._checked = False
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
        self.warm_up_llm()

    def warm_up_llm(self) -> bool:
        """Load the LLM reader's model now; on failure say so once and answer with the extractive reader."""
        if self.llm_reader is None or self.llm_problem:
            return False
        try:
            self.llm_reader.warm_up()
            return True
        except ModelUnavailable as err:
            self._llm_failed(err)
            return False

    def _llm_failed(self, err: ModelUnavailable) -> None:
        """A model that cannot be loaded is given up (said once); a server that is down is tried again."""
        if not err.lasting:
            log.warning("the LLM server did not answer, the extractive reader answers this question: %s", err)
            return
        if self.llm_problem is None:
            log.warning("the LLM reader is unavailable, the extractive reader will answer: %s", err)
        self.llm_problem = str(err)

    @property
    def llm_name(self) -> str | None:
        return self.llm_reader.model.name if self.llm_reader is not None else None

    # -- answering --------------------------------------------------------------------------------
    def answer(self, question: str, history: Sequence[Turn] = (), filters: Filters | None = None,
               top_k: int | None = None, reader: str = "auto", asked_on: date | None = None) -> Answer:
        *_, last = self.stream(question, history, filters, top_k, reader, asked_on)  # the last event is the answer
        return last.answer

    def stream(self, question: str, history: Sequence[Turn] = (), filters: Filters | None = None,
               top_k: int | None = None, reader: str = "auto", asked_on: date | None = None) -> Iterator[StreamEvent]:
        """Status events, the sources found, text deltas (from an LLM), then the final, verified answer.

        ``asked_on``: the day the question is asked (default today): later articles are not read, and
        "this week" means the week before it (see :mod:`assistant.question.asked_on`)."""
        started = time.perf_counter()
        timings: dict[str, float] = {}
        text = normalise_question(question)  # raises BadQuestion
        self.ensure_index()
        standalone = rewrite_followup(text, list(history))
        if self.llm_reader is not None and not self.llm_problem and reader != "extractive" and history:
            try:
                standalone = self.llm_reader.rewrite_followup(text, list(history), fallback=standalone)
            except ModelBusy:
                pass  # the rule-based rewrite stands
            except ModelUnavailable as err:
                self._llm_failed(err)
        analysed = analyse(standalone)
        if text != standalone:  # a follow-up keeps its own type ("And where?"), not the earlier question's
            analysed.qtype = question_type(text)
        timings["analyse"] = time.perf_counter() - started
        yield StreamEvent("status", "Searching the articles…")
        notes: list[str] = []
        period, archive = dated_filters(standalone, asked_on or date.today(), filters)
        passages = self._retrieve(standalone, top_k or self.top_k, period, timings, notes)
        if not passages and period != archive:
            passages = self._retrieve(standalone, top_k or self.top_k, archive, timings, notes)
        yield StreamEvent("sources", passages=passages)
        reading: Reading | None = None
        used = "extractive"
        mark = time.perf_counter()
        plan = self._claim_plan(standalone, reader)
        if plan is not None:  # a yes/no question across sources: each claim checked on its own source
            yield StreamEvent("status", "Checking each source's claim…")

            def claim_inputs(claim: Claim) -> ReaderInputs:
                narrowed = replace(archive, sources=claim.sources or archive.sources)
                if claim.day:
                    narrowed = replace(narrowed, published_from=claim.day - timedelta(days=1),
                                       published_to=claim.day + timedelta(days=1))
                found = self._retrieve(claim.text, 6, narrowed, {}, notes)
                return self._reader_inputs(analyse(claim.text), claim.text, found)

            try:
                reading = self.multihop.read(plan, claim_inputs)
            except (ModelBusy, ModelUnavailable, ValueError) as err:
                reading = self._model_failed(err, notes)
            used = self.multihop.name if reading is not None else used
        if reading is None:  # the multi-hop reader did not answer: the passages are read
            inputs = self._reader_inputs(analysed, standalone, passages)
            if self.llm_reader is not None and reader in ("auto", "llm") and passages:
                if self.llm_problem:
                    notes.append(f"the LLM reader is unavailable ({self.llm_problem}); the extractive reader answered")
                else:
                    waiting = self.llm_reader.model.lock.waiting
                    yield StreamEvent("status", f"Waiting for the model ({waiting} question(s) ahead)…" if waiting
                                      else "Reading the best excerpts…")
                    try:
                        for event in self.llm_reader.stream(inputs):
                            if isinstance(event, str):
                                yield StreamEvent("delta", event)
                            else:
                                reading = event
                    except (ModelBusy, ModelUnavailable, ValueError) as err:
                        reading = self._model_failed(err, notes)
                    used = self.llm_reader.name if reading is not None else used
            if reading is None:
                reading = self.extractive.read(inputs)
        timings["read"] = time.perf_counter() - mark
        citations = self._verified(reading.citations)
        timings["total"] = time.perf_counter() - started
        answer = Answer(question=text, text=reading.text, citations=citations, abstained=reading.abstained,
                        timings={k: round(v, 4) for k, v in timings.items()}, short=reading.short,
                        standalone_question=standalone if standalone != text else None, reader=used,
                        confidence=reading.confidence, notes=notes + reading.notes,
                        retrieved=[{"doc_id": p.doc_id, "chunk_id": p.chunk_id, "start": p.start, "end": p.end,
                                    "score": round(p.score, 5)} for p in passages],
                        evidence=reading.evidence, usage=reading.usage)
        yield StreamEvent("answer", answer.text, answer)

    def _model_failed(self, err: Exception, notes: list[str]) -> Reading | None:
        """What a reader's model failure leaves: a "busy" reply when the queue is full, else nothing (the
        extractive reader answers, and the notes say why). ValueError: e.g. a prompt too long for the model."""
        if isinstance(err, ModelBusy):
            return abstention(f"busy: {err}", text=BUSY)
        if isinstance(err, ModelUnavailable):
            self._llm_failed(err)
        notes.append(f"the LLM reader is unavailable ({err}); the extractive reader answered")
        return None

    def _claim_plan(self, question: str, reader: str) -> ClaimPlan | None:
        """The claims of a yes/no question that names sources, when the LLM can check them."""
        if self.multihop is None or self.llm_problem or reader not in ("auto", "multihop"):
            return None
        return plan_claims(question, self.retriever.parser())

    def _reader_inputs(self, analysed: Question, text: str, passages: list[Passage]) -> ReaderInputs:
        """The passages and what readers need besides: the question's IDF weights and vectors."""
        if not passages:
            return ReaderInputs(analysed, passages)
        idf = self.news.bm25().idf(list(analysed.terms.values()))
        return ReaderInputs(analysed, passages, idf={s: idf.get(w, 1.0) for s, w in analysed.terms.items()},
                            query_vector=self._query_vector(text),
                            sentence_vectors=self.news.docstore.sentence_vectors([p.chunk_id for p in passages]))

    def _retrieve(self, question: str, top_k: int, filters: Filters, timings: dict[str, float],
                  notes: list[str]) -> list[Passage]:
        try:
            return self.retriever.retrieve(question, top_k, filters, timings)
        except (VectorStoreUnavailable, StoreBusy) as err:
            log.warning("vector search unavailable, using keyword search: %s", err)
            notes.append(f"keyword search only: {err}")
            return self.keyword_retriever.retrieve(question, top_k, filters, timings)

    def _embed_short(self, texts: list[str]) -> Any:
        return np.asarray(self.news.embedder.embed(texts), dtype=np.float32)  # one batch

    def _query_vector(self, text: str) -> Any:
        return np.asarray(self.news.embedder.get_query_embedding(text), dtype=np.float32)

    def _verified(self, citations: list[Citation]) -> list[Citation]:
        """Every citation's quote must be the article's text at its offsets; anything else is a bug."""
        for citation in citations:
            article = self.news.docstore.article(citation.doc_id)
            if article is None or article.text[citation.start:citation.end] != citation.quote:
                raise AssertionError(f"citation [{citation.n}] does not match its article at {citation.start}:{citation.end}")
        return citations
