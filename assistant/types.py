"""The nouns of answering: a retrieved passage, a citation, an answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime


@dataclass
class Passage:
    """A retrieved chunk with its article's metadata and its retrieval scores."""

    chunk_id: str
    doc_id: str
    text: str
    start: int
    end: int
    title: str
    source: str | None
    published: datetime | None
    url: str | None
    score: float = 0.0  # fused
    dense: float | None = None  # cosine similarity
    lexical: float | None = None  # BM25
    dense_rank: int | None = None
    lexical_rank: int | None = None


@dataclass
class Citation:
    """A numbered, checkable source: ``article.text[start:end] == quote``."""

    n: int
    doc_id: str
    title: str
    source: str | None
    published: str | None
    url: str | None
    quote: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Answer:
    """An answer whose ``[n]`` markers point into ``citations``; ``abstained`` when the articles don't say."""

    question: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    abstained: bool = False
    timings: dict[str, float] = field(default_factory=dict)
    short: str = ""  # the direct answer alone, without the supporting quotes
    standalone_question: str | None = None  # the follow-up as rewritten for retrieval
    reader: str = "extractive"
    confidence: float = 0.0
    notes: list[str] = field(default_factory=list)  # e.g. why the LLM's answer was replaced
    retrieved: list[dict] = field(default_factory=list)  # the passages read: doc_id, chunk_id, start, end, score
    evidence: list[str] = field(default_factory=list)  # the excerpts an LLM reader was shown, as it saw them
    usage: dict = field(default_factory=dict)  # the LLM's prompt_tokens (cached among them), completion_tokens

    def to_dict(self) -> dict:
        return {
            "question": self.question, "answer": self.text, "short": self.short, "abstained": self.abstained,
            "citations": [c.to_dict() for c in self.citations], "timings": self.timings,
            "standalone_question": self.standalone_question, "reader": self.reader,
            "confidence": round(self.confidence, 4), "notes": self.notes, "retrieved": self.retrieved,
            "evidence": self.evidence, "usage": self.usage,
        }
