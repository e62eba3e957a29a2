"""The Python API: ``answer()`` for one question, ``Assistant`` for a chat with follow-ups."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from datetime import date
from typing import Any

from assistant.engine import AnswerEngine, StreamEvent
from assistant.question.followup import Turn
from assistant.retrieval.hybrid import Filters
from assistant.types import Answer
from index.config import IndexConfig

_engines: dict[tuple, AnswerEngine] = {}
_engines_lock = threading.Lock()


DEFAULT_LLM = "local"  # the packaged Qwen2.5-Coder-1.5B-Instruct, in-process


def get_engine(index_dir: str | os.PathLike | None = None, chroma_url: str | None = None,
               llm: Any = None, top_k: int = 8) -> AnswerEngine:
    """One engine per (index, Chroma URL, LLM) per process: models and indexes load once.

    ``llm``: a spec (see :mod:`assistant.readers.llm.specs`; ``none`` for the extractive reader only), a chat model or a
    llama-index LLM; default ``$NEWSDESK_LLM``, else the packaged local model."""
    config = IndexConfig.resolve(index_dir, chroma_url)
    if llm is None:
        llm = os.environ.get("NEWSDESK_LLM") or DEFAULT_LLM
    key = (str(config.index_dir), config.chroma_url, llm if isinstance(llm, str) else id(llm), top_k)
    with _engines_lock:
        if key not in _engines:
            _engines[key] = AnswerEngine(config, llm=llm, top_k=top_k)
        return _engines[key]


class Assistant:
    """A chat: follow-ups are understood in the light of the previous turns.

    >>> chat = Assistant()
    >>> chat.ask("Who is Erdogan meeting?").text
    >>> chat.ask("And in which city?").text
    """

    def __init__(self, index_dir: str | os.PathLike | None = None, chroma_url: str | None = None, llm: Any = None,
                 top_k: int = 8, filters: Filters | None = None, published_from: date | None = None,
                 published_to: date | None = None, sources: tuple[str, ...] = (), reader: str = "auto",
                 max_turns: int = 6, engine: AnswerEngine | None = None):
        self.engine = engine or get_engine(index_dir, chroma_url, llm, top_k)
        self.filters = filters or Filters(published_from, published_to, tuple(sources))
        self.top_k = top_k
        self.reader = reader
        self.max_turns = max_turns
        self.history: list[Turn] = []

    def ask(self, question: str, **overrides: Any) -> Answer:
        *_, last = self.stream(question, **overrides)  # the last event is the answer
        return last.answer

    def stream(self, question: str, filters: Filters | None = None, top_k: int | None = None,
               reader: str | None = None, asked_on: date | None = None) -> Iterator[StreamEvent]:
        """Status lines, the sources found and text deltas as they come, then ``StreamEvent("answer", answer=...)``.

        ``asked_on``: the day the question is asked (default today; "this week" is the week before it)."""
        for event in self.engine.stream(question, self.history, filters or self.filters, top_k or self.top_k,
                                        reader or self.reader, asked_on):
            if event.kind == "answer" and event.answer is not None:
                a = event.answer
                self.history.append(Turn(a.question, a.standalone_question or a.question,
                                         "" if a.abstained else a.short))
                del self.history[:-self.max_turns]
            yield event

    def reset(self) -> None:
        """Start a new chat."""
        self.history.clear()


def answer(question: str, index_dir: str | os.PathLike | None = None, chroma_url: str | None = None,
           llm: Any = None, top_k: int = 8, filters: Filters | None = None, reader: str = "auto",
           asked_on: date | None = None) -> Answer:
    """Answer one question from the index (the default one is built from the bundled corpus on first use)."""
    return get_engine(index_dir, chroma_url, llm, top_k).answer(question, filters=filters, top_k=top_k, reader=reader,
                                                                asked_on=asked_on)
