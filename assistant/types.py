"""The nouns of answering: retrieval filters, a retrieved passage, a citation, an answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time as dtime, timezone


@dataclass
class Passage:
    """A retrieved chunk with its article's metadata and its fused retrieval score."""

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


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval to a publication-date range and/or some sources."""

    published_from: date | None = None
    published_to: date | None = None
    sources: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.published_from or self.published_to or self.sources)

    def _bounds(self) -> tuple[float | None, float | None]:
        low = datetime.combine(self.published_from, dtime.min, timezone.utc).timestamp() if self.published_from else None
        high = datetime.combine(self.published_to, dtime.max, timezone.utc).timestamp() if self.published_to else None
        return low, high

    def chroma_where(self) -> dict | None:
        clauses: list[dict] = []
        low, high = self._bounds()
        if low is not None:
            clauses.append({"published_ts": {"$gte": low}})
        if high is not None:
            clauses.append({"published_ts": {"$lte": high}})
        if self.sources:
            clauses.append({"source": {"$in": list(self.sources)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def allows(self, published: datetime | None, source: str | None) -> bool:
        low, high = self._bounds()
        if low is not None or high is not None:
            if published is None:
                return False
            ts = published.timestamp()
            if (low is not None and ts < low) or (high is not None and ts > high):
                return False
        return not self.sources or (source or "") in self.sources
