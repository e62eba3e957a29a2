"""The lexical index: BM25 (bm25s, Snowball-stemmed English) over the same chunks as the vectors.

Each chunk is indexed with its article's title and source, so a question that names a publisher or
a headline's words finds the article's chunks. The index is persisted per docstore generation, and a
``CURRENT`` pointer file is replaced atomically, so a reader never sees a half-written index.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

TOKEN_PATTERN = r"(?u)\b\w+\b"
_WORD = re.compile(TOKEN_PATTERN)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(texts: list[str]) -> list[list[str]]:
    """Lower-cased, stop-worded, stemmed tokens (the same analysis for chunks and questions)."""
    import bm25s

    return bm25s.tokenize(texts, stopwords="en", stemmer=_stemmer(), token_pattern=TOKEN_PATTERN,
                          return_ids=False, show_progress=False)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


def terms(text: str) -> set[str]:
    """The distinct tokens that ``tokenize`` gives for ``text``, faster for many short texts (stems are cached)."""
    return {_stem(word) for word in set(_WORD.findall(text.lower())) - _stopwords()}


def indexed_text(title: str, source: str | None, text: str) -> str:
    """What BM25 reads for a chunk: the headline and publisher travel with every chunk."""
    return f"{title}\n{source or ''}\n{text}"


class BM25Index:
    """BM25 scores for every chunk at once, so callers can mask, fuse and re-rank freely."""

    def __init__(self, chunk_ids: list[str], model: Any, generation: int):
        self.chunk_ids = chunk_ids
        self.model = model
        self.generation = generation
        self.position = {cid: i for i, cid in enumerate(chunk_ids)}

    @classmethod
    def build(cls, chunk_ids: list[str], texts: list[str], generation: int) -> "BM25Index":
        import bm25s

        model = bm25s.BM25()
        if texts:
            model.index(tokenize(texts), show_progress=False)
        return cls(chunk_ids, model, generation)

    def scores(self, query: str, mask: np.ndarray | None = None) -> np.ndarray:
        """One BM25 score per chunk (``self.chunk_ids`` order); masked-out chunks score 0."""
        if not self.chunk_ids:
            return np.zeros(0, dtype=np.float32)
        tokens = tokenize([query])[0]
        known = [t for t in tokens if t in self.model.vocab_dict]
        if not known:
            return np.zeros(len(self.chunk_ids), dtype=np.float32)
        scores = self.model.get_scores(known)
        return scores * mask if mask is not None else scores

    def idf(self, words: list[str]) -> dict[str, float]:
        """BM25 inverse document frequency of each word (unseen words get the highest)."""
        return {word: self._idf(tokens[0] if tokens else None) for word, tokens in zip(words, tokenize(words))}

    def token_idf(self, tokens: list[str]) -> dict[str, float]:
        """BM25 inverse document frequency of each token as ``tokenize`` gives them (unseen ones get the highest)."""
        return {token: self._idf(token) for token in tokens}

    def _idf(self, token: str | None) -> float:
        n = len(self.chunk_ids)
        vocab = getattr(self.model, "vocab_dict", None) or {}
        indptr = self.model.scores.get("indptr") if n else None
        df = 0
        if token is not None and token in vocab and indptr is not None and vocab[token] + 1 < len(indptr):
            column = vocab[token]
            df = int(indptr[column + 1] - indptr[column])
        return float(np.log(1.0 + (n - df + 0.5) / (df + 0.5)))

    # -- persistence ------------------------------------------------------------------------------
    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / f"gen-{self.generation}"
        tmp = directory / f".tmp-gen-{self.generation}-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        if self.chunk_ids:
            self.model.save(str(tmp))
        (tmp / "chunk_ids.json").write_text(json.dumps(self.chunk_ids))
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
        pointer = directory / f".CURRENT.{os.getpid()}"
        pointer.write_text(json.dumps({"generation": self.generation, "dir": target.name}))
        os.replace(pointer, directory / "CURRENT")
        for old in directory.iterdir():  # older generations and leftovers of interrupted saves
            if old.is_dir() and old.name != target.name:
                shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path) -> "BM25Index | None":
        """The saved index, or None when there is none (or it is unreadable)."""
        import bm25s

        try:
            current = json.loads((directory / "CURRENT").read_text())
            folder = directory / current["dir"]
            chunk_ids = json.loads((folder / "chunk_ids.json").read_text())
            model = bm25s.BM25.load(str(folder), mmap=False) if chunk_ids else bm25s.BM25()
            return cls(chunk_ids, model, int(current["generation"]))
        except (OSError, ValueError, KeyError):
            return None
