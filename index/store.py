"""An index directory and its parts (docstore, vectors, BM25, embedder), each opened when first needed."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from index.bm25 import BM25Index, indexed_text
from index.config import IndexConfig
from index.docstore import DocStore

if TYPE_CHECKING:
    from index.embedding import MiniLMEmbedding
    from index.vectors import VectorIndex


class NewsIndex:
    """The parts of one index, shared by the indexer and the answer engine.

    >>> news = NewsIndex(IndexConfig.resolve())
    >>> news.docstore.counts()
    {'articles': 2, 'chunks': 5, 'files_indexed': 2}
    """

    def __init__(self, config: IndexConfig, embedder: "MiniLMEmbedding | None" = None):
        self.config = config
        self.docstore = DocStore(config.docstore_path)
        self._embedder = embedder
        self._vectors: VectorIndex | None = None
        self._bm25: BM25Index | None = None
        self._lock = threading.RLock()

    @property
    def embedder(self) -> "MiniLMEmbedding":
        if self._embedder is None:
            from index.embedding import shared_embedder

            self._embedder = shared_embedder()
        return self._embedder

    @property
    def vectors(self) -> "VectorIndex":
        """The vector store; raises :class:`~index.lock.StoreBusy` while another process owns an embedded one."""
        return self.open_vectors()

    def open_vectors(self, wait: float = 0.0) -> "VectorIndex":
        with self._lock:
            if self._vectors is None:
                from index.vectors import VectorIndex

                self._vectors = VectorIndex(self.config, store_wait=wait)
            return self._vectors

    def close(self) -> None:
        """Close the vector store (and give up ownership of an embedded one) and the docstore."""
        with self._lock:
            if self._vectors is not None:
                self._vectors.close()
                self._vectors = None
        self.docstore.close()

    def bm25(self) -> BM25Index:
        """The BM25 index for the current set of ready articles (reloaded or rebuilt when stale)."""
        generation = self.docstore.generation()
        with self._lock:
            if self._bm25 is None or self._bm25.generation != generation:
                saved = BM25Index.load(self.config.bm25_path)
                self._bm25 = saved if saved and saved.generation == generation else self.build_bm25(generation)
            return self._bm25

    def build_bm25(self, generation: int | None = None) -> BM25Index:
        generation = self.docstore.generation() if generation is None else generation
        rows = self.docstore.ready_chunks()
        return BM25Index.build([chunk.chunk_id for chunk, _, _ in rows],
                               [indexed_text(title, source, chunk.text) for chunk, title, source in rows],
                               generation)

    def save_bm25_if_stale(self) -> bool:
        """Rebuild and persist BM25 when the ready set changed since it was saved; True if rebuilt."""
        generation = self.docstore.generation()
        saved = BM25Index.load(self.config.bm25_path)
        if saved is not None and saved.generation == generation:
            return False
        index = self.build_bm25(generation)
        index.save(self.config.bm25_path)
        with self._lock:
            self._bm25 = index
        return True
