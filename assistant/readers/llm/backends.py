"""Chat models for the LLM reader: one small interface over llama.cpp in-process and llama-index LLMs.

``generate(system, user, prefix, max_tokens, stop_at_newline)`` yields :class:`Token` pieces. The
in-process backend (llama.cpp through xllamacpp, which ships prebuilt wheels) also gives each piece's log-probability, which the reader uses
as its confidence, and reuses the KV cache of the prompt's common prefix (the system prompt) from one
question to the next. A server (OpenAI-compatible, Ollama) goes through llama-index's LLM classes,
without log-probabilities. Each model runs one generation at a time: callers queue on its lock, in
arrival order.
"""

from __future__ import annotations

import json
import os
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass
class Token:
    """A piece of generated text and its log-probability (None where the backend does not say);
    ``alternatives``: the most likely tokens at that place and their log-probabilities, when asked for."""

    text: str
    logprob: float | None = None
    alternatives: dict[str, float | None] | None = None


class ModelUnavailable(RuntimeError):
    """The model cannot be loaded or reached; the message says which and why. ``lasting``: it cannot be
    loaded (retrying is pointless), as opposed to a server that may be back for the next question."""

    def __init__(self, message: str, lasting: bool = True):
        super().__init__(message)
        self.lasting = lasting


class ChatModel(Protocol):
    name: str
    gives_logprobs: bool
    lock: ModelQueue  # one generation at a time; ``lock.waiting`` says how many questions wait

    def warm_up(self) -> None: ...

    def generate(self, system: str, user: str, prefix: str = "", max_tokens: int = 48,
                 stop_at_newline: bool = True, usage: dict | None = None, alternatives: int = 0) -> Iterator[Token]: ...


class ModelBusy(RuntimeError):
    """Too many questions are waiting for the model, or one waited too long."""


class FairLock:
    """A lock granted in arrival order, that can tell how many are waiting and let a waiter give up."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._queue: deque[object] = deque()
        self._held = False

    @property
    def waiting(self) -> int:
        return len(self._queue)

    def acquire(self, timeout: float | None = None) -> bool:
        with self._cond:
            me = object()
            self._queue.append(me)
            if not self._cond.wait_for(lambda: not self._held and self._queue[0] is me, timeout):
                self._queue.remove(me)
                self._cond.notify_all()
                return False
            self._queue.popleft()
            self._held = True
            return True

    def release(self) -> None:
        with self._cond:
            self._held = False
            self._cond.notify_all()

    def __enter__(self) -> "FairLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class ModelQueue:
    """One generation at a time, first come first served; a question finding ``max_waiting`` others
    ahead of it, or waiting ``timeout`` seconds, is told the model is busy instead."""

    def __init__(self, max_waiting: int = 8, timeout: float = 90.0):
        self.lock = FairLock()
        self.max_waiting = max_waiting
        self.timeout = timeout

    @property
    def waiting(self) -> int:
        return self.lock.waiting

    def __enter__(self) -> "ModelQueue":
        if self.lock.waiting >= self.max_waiting:
            raise ModelBusy(f"{self.lock.waiting} questions are already waiting for the model")
        if not self.lock.acquire(self.timeout):
            raise ModelBusy(f"the model was busy for {self.timeout:g} s")
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


def chatml(system: str, user: str) -> str:
    """Qwen's chat format (ChatML), with the assistant's turn opened."""
    return (f"<|im_start|>system\n{system}<|im_end|>\n<|im_start|>user\n{user}<|im_end|>\n"
            "<|im_start|>assistant\n")


class LlamaCppModel:
    """A GGUF model in this process through llama.cpp (xllamacpp's prebuilt wheels): greedy decoding,
    each token's log-probability, the prompt's common prefix reused from the KV cache."""

    gives_logprobs = True

    def __init__(self, path: str | Callable[[], str], n_ctx: int = 2048, threads: int | None = None,
                 seed: int = 42, label: str | None = None):
        self._path = path  # a path, or a function that finds (or assembles) the file on first use
        self.n_ctx = n_ctx
        self.threads = threads or max(1, os.cpu_count() or 2)
        self.seed = seed
        self.name = label or (os.path.basename(path) if isinstance(path, str) else "local model")
        self.lock = ModelQueue()
        self._server: Any = None
        self._load_lock = threading.Lock()

    @property
    def path(self) -> str:
        if callable(self._path):
            try:
                self._path = str(self._path())
            except RuntimeError as err:  # e.g. the packaged model's parts are not installed
                raise ModelUnavailable(str(err)) from None
        return self._path

    def warm_up(self) -> None:
        """Load the model (once)."""
        with self._load_lock:
            if self._server is not None:
                return
            try:
                import xllamacpp
            except ImportError:
                raise ModelUnavailable("the local LLM needs xllamacpp: pip install 'newsdesk[llm]'") from None
            path = self.path
            if not os.path.isfile(path):
                raise ModelUnavailable(f"model file not found: {path}")
            params = xllamacpp.CommonParams()
            params.model.path = path
            params.n_ctx = self.n_ctx
            params.n_parallel = 1
            params.cpuparams.n_threads = params.cpuparams_batch.n_threads = self.threads
            params.sampling.seed = self.seed
            params.warmup = False
            params.verbosity = -1
            params.hostnames = ["127.0.0.1"]  # xllamacpp also listens; loopback only, on a free port
            params.port = 0
            try:
                self._server = xllamacpp.Server(params)
            except (RuntimeError, ValueError, OSError) as err:
                raise ModelUnavailable(f"cannot load {path}: {err}") from None

    def generate(self, system: str, user: str, prefix: str = "", max_tokens: int = 48,
                 stop_at_newline: bool = True, usage: dict | None = None, alternatives: int = 0) -> Iterator[Token]:
        """Greedy tokens after ``prefix`` (text that opens the assistant's reply), to the first line's end;
        ``usage`` (if given) gets the prompt's token count and how many of them came from the cache;
        ``alternatives``: how many of the likeliest tokens to give with each token."""
        self.warm_up()
        request = {"prompt": chatml(system, user) + prefix, "n_predict": max_tokens, "temperature": 0.0,
                   "top_k": 1, "seed": self.seed, "n_probs": max(1, alternatives), "cache_prompt": True,
                   "stream": True,
                   "stop": ["\n"] if stop_at_newline else []}
        pieces: queue.Queue = queue.Queue()

        def run() -> None:
            try:
                self._server.handle_completions(request, pieces.put)
            except Exception as err:  # noqa: BLE001 -- handed to the caller's thread
                pieces.put(err)
            pieces.put(None)

        with self.lock:
            worker = threading.Thread(target=run, daemon=True)
            worker.start()
            while (chunk := pieces.get()) is not None:
                if isinstance(chunk, Exception):
                    raise ValueError(f"{self.name}: {chunk}")
                if isinstance(chunk, str):
                    chunk = json.loads(chunk)
                if "error" in chunk:
                    raise ValueError(f"{self.name}: {chunk['error']}")
                if usage is not None and "timings" in chunk:
                    timings = chunk["timings"]
                    usage.update(prompt_tokens=timings.get("prompt_n", 0) + timings.get("cache_n", 0),
                                 prompt_tokens_cached=timings.get("cache_n", 0),
                                 completion_tokens=timings.get("predicted_n", 0))
                for choice in chunk.get("choices", []):
                    content = ((choice.get("logprobs") or {}).get("content")) or []
                    if content:
                        for item in content:
                            top = {alt.get("token", ""): alt.get("logprob")
                                   for alt in item.get("top_logprobs") or []} if alternatives else None
                            yield Token(item.get("token", ""), item.get("logprob"), top)
                    elif choice.get("text"):
                        yield Token(choice["text"])
            worker.join()


class LlamaIndexModel:
    """Any llama-index LLM (OpenAI-compatible server, Ollama, …); no log-probabilities."""

    gives_logprobs = False

    def __init__(self, llm: Any, label: str | None = None):
        self.llm = llm
        self.name = label or describe(llm)
        self.lock = ModelQueue()

    def warm_up(self) -> None:
        return None

    def generate(self, system: str, user: str, prefix: str = "", max_tokens: int = 48,
                 stop_at_newline: bool = True, usage: dict | None = None, alternatives: int = 0) -> Iterator[Token]:
        """The reply streamed (a chat API cannot be given the start of its reply: ``prefix`` is not sent;
        no log-probabilities, so no ``alternatives``)."""
        from llama_index.core.llms import ChatMessage

        messages = [ChatMessage(role="system", content=system), ChatMessage(role="user", content=user)]
        produced = ""
        try:
            with self.lock:
                for chunk in self.llm.stream_chat(messages):
                    delta = chunk.delta or ""
                    if stop_at_newline and "\n" in delta and (produced + delta.split("\n", 1)[0]).strip():
                        head = delta.split("\n", 1)[0]
                        if head:
                            yield Token(head)
                        return
                    produced += delta
                    if delta:
                        yield Token(delta)
                    if len(produced) > max_tokens * 8:
                        return
        except unavailable_errors() as err:
            raise ModelUnavailable(f"{self.name}: {type(err).__name__}: {str(err)[:160]}", lasting=False) from None


def describe(llm: Any) -> str:
    """A short name for the UI: the model file or the server and model."""
    base = getattr(llm, "api_base", None) or getattr(llm, "base_url", None)
    return f"{getattr(llm, 'model', '?')} at {base}" if base else type(llm).__name__


def unavailable_errors() -> tuple[type[BaseException], ...]:
    """What a backend that is down or too slow raises, across llama-index's OpenAI-like and Ollama LLMs."""
    import httpx
    import openai

    return ConnectionError, TimeoutError, OSError, httpx.HTTPError, openai.APIError
