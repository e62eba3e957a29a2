"""The vector store: a Chroma collection (cosine), embedded on disk or on a Chroma server,
reached through llama-index's ``ChromaVectorStore``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import numpy as np

from index.config import IndexConfig
from index.lock import StoreBusy, own_store, release_store
from index.models import Article, Chunk

CHROMA_TIMEOUT_S = 10.0


class VectorStoreUnavailable(RuntimeError):
    """The Chroma server cannot be reached, or the local collection cannot be opened."""


@dataclass(frozen=True)
class VectorHit:
    chunk_id: str
    doc_id: str
    similarity: float  # cosine similarity


def _settings(**extra: Any) -> Any:
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=False, **extra)


def open_collection(config: IndexConfig, store_wait: float = 0.0) -> Any:
    """The Chroma collection for ``config``: a persistent local one, or one on ``config.chroma_url``."""
    import chromadb

    try:
        if config.chroma_url:
            parsed = urlparse(config.chroma_url if "://" in config.chroma_url else f"http://{config.chroma_url}")
            if not parsed.hostname:
                raise VectorStoreUnavailable(f"not a Chroma server URL: {config.chroma_url!r}")
            _heartbeat(parsed.geturl())
            client = chromadb.HttpClient(
                host=parsed.hostname, port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https", settings=_settings())
            _limit_http_wait(client)
        else:
            own_store(config.chroma_path, timeout=store_wait)  # one process at a time (raises StoreBusy)
            client = chromadb.PersistentClient(path=os.path.realpath(config.chroma_path), settings=_settings())
        return client.get_or_create_collection(
            config.collection, metadata={"hnsw:space": "cosine"}, embedding_function=None)
    except (VectorStoreUnavailable, StoreBusy):
        raise
    except Exception as err:  # chromadb raises many types for a server that is down or a broken dir
        where = config.chroma_url or str(config.chroma_path)
        raise VectorStoreUnavailable(f"cannot open the Chroma collection at {where}: {err}") from err


def _heartbeat(url: str) -> None:
    """Fail fast, with a clear message, when the server is down or does not answer."""
    import httpx

    try:
        httpx.get(f"{url.rstrip('/')}/api/v2/heartbeat", timeout=httpx.Timeout(CHROMA_TIMEOUT_S, connect=5.0)).raise_for_status()
    except httpx.HTTPError as err:
        raise VectorStoreUnavailable(f"the Chroma server at {url} does not answer ({type(err).__name__}: {err}); "
                                     "is `chroma run` up?") from None


def _limit_http_wait(client: Any) -> None:
    """chromadb's HTTP client waits forever (``httpx.Client(timeout=None)``); a server that accepts and
    never answers must not hang Newsdesk, so its session gets a timeout."""
    import httpx

    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(CHROMA_TIMEOUT_S, connect=5.0)


class VectorIndex:
    """Chunks and their vectors in Chroma, keyed by chunk id, with article metadata on each.

    >>> vectors = VectorIndex(IndexConfig.resolve())
    >>> hits = vectors.query(embedder.get_query_embedding("When is the summit?"), top_k=20)
    """

    def __init__(self, config: IndexConfig, store_wait: float = 0.0):
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self.config = config
        self.collection = open_collection(config, store_wait)
        self.store = ChromaVectorStore(chroma_collection=self.collection)

    def add(self, article: Article, chunks: list[Chunk], vectors: np.ndarray) -> None:
        """Write an article's chunks (the indexer has removed any leftovers of an interrupted run)."""
        self.add_many([(article, chunks)], vectors)

    def add_many(self, batch: list[tuple[Article, list[Chunk]]], vectors: np.ndarray) -> None:
        """Write several articles' chunks in one call; ``vectors`` holds their rows in order."""
        from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

        nodes = []
        pairs = [(article, chunk) for article, chunks in batch for chunk in chunks]
        for (article, chunk), vector in zip(pairs, vectors):
            node = TextNode(
                # the text stays in the docstore only: Chroma's full-text index of it would cost ~40% of
                # the write time and a third of the disk, and nothing searches it there
                id_=chunk.chunk_id, text="", embedding=vector.tolist(),
                start_char_idx=chunk.start, end_char_idx=chunk.end,
                metadata={"doc_id": article.doc_id, "title": article.title, "source": article.source or "",
                          "published": article.published_iso or "",
                          "published_ts": article.published.timestamp() if article.published else -1.0,
                          "url": article.url or "", "seq": chunk.seq, "start": chunk.start, "end": chunk.end},
                relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=article.doc_id)},
            )
            nodes.append(node)
        self._guard(lambda: self.store.add(nodes))

    def delete_docs(self, doc_ids: list[str]) -> None:
        for start in range(0, len(doc_ids), 100):
            batch = doc_ids[start:start + 100]
            self._guard(lambda: self.collection.delete(where={"doc_id": {"$in": batch}}))

    def query(self, vector: list[float], top_k: int, where: dict | None = None) -> list[VectorHit]:
        """The ``top_k`` nearest chunks (cosine), optionally filtered by a Chroma ``where`` clause."""
        from llama_index.core.vector_stores.types import VectorStoreQuery

        top_k = max(1, min(top_k, self.count() or 1))
        kwargs = {"where": where} if where else {}
        result = self._guard(lambda: self.store.query(
            VectorStoreQuery(query_embedding=vector, similarity_top_k=top_k), **kwargs))
        hits = []
        for node, similarity in zip(result.nodes or [], result.similarities or []):
            # llama-index reports exp(-distance); cosine similarity is 1 - distance
            cosine = 1.0 + float(np.log(max(similarity, 1e-12)))
            hits.append(VectorHit(node.node_id, node.metadata.get("doc_id", node.ref_doc_id or ""), cosine))
        return hits

    def close(self) -> None:
        """Drop this process's Chroma instance for the store; an embedded store's ownership is released."""
        if self.config.chroma_url:
            return
        from chromadb.api.client import SharedSystemClient

        path = os.path.realpath(self.config.chroma_path)
        system = SharedSystemClient._identifier_to_system.pop(path, None)
        if system is not None:
            system.stop()
        release_store(self.config.chroma_path)

    def count(self) -> int:
        return int(self._guard(self.collection.count))

    def doc_ids(self) -> set[str]:
        """The doc_ids that have vectors (for sweeping leftovers of an interrupted run)."""
        result = self._guard(lambda: self.collection.get(include=["metadatas"]))
        return {m.get("doc_id", "") for m in result.get("metadatas") or []}

    def _guard(self, call: Any) -> Any:
        try:
            return call()
        except VectorStoreUnavailable:
            raise
        except Exception as err:
            if self.config.chroma_url and _is_connection_error(err):
                raise VectorStoreUnavailable(f"the Chroma server at {self.config.chroma_url} is unreachable: {err}") from err
            raise


def _is_connection_error(err: Exception) -> bool:
    import httpx

    return isinstance(err, (httpx.TransportError, ConnectionError, TimeoutError)) or "connect" in str(err).lower()
