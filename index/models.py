"""The nouns the indexing half shares: a loaded article and its chunks."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime

_SPACE = re.compile(r"\s+")


def content_doc_id(title: str, text: str) -> str:
    """A stable id derived from an article's content (whitespace-insensitive)."""
    norm = _SPACE.sub(" ", f"{title}\n{text}").strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    """A cleaned article. ``text`` is the cleaned body every offset refers to."""

    title: str
    text: str
    published: datetime | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # the file (or upload) it came from
    doc_id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.doc_id:
            self.doc_id = content_doc_id(self.title, self.text)

    @property
    def published_iso(self) -> str | None:
        return self.published.isoformat() if self.published else None


@dataclass(frozen=True)
class Chunk:
    """A span of an article's cleaned text: ``article.text[start:end] == text``."""

    doc_id: str
    seq: int
    start: int
    end: int
    text: str
    n_tokens: int  # tiktoken cl100k_base tokens

    @property
    def chunk_id(self) -> str:
        return f"{self.doc_id}:{self.seq:04d}"
