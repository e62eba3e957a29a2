"""What every reader takes and gives: its inputs, its answer (a Reading), numbered citations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.evidence.inputs import ReaderInputs  # noqa: F401 -- what every reader takes
from assistant.evidence.sentences import Sentence
from assistant.types import Citation

NOT_IN_ARTICLES = "The articles don't say."


@dataclass
class Reading:
    """A reader's answer before the engine adds timings."""

    text: str
    short: str
    citations: list[Citation]
    abstained: bool
    confidence: float
    notes: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # what the reader was shown (the LLM reader's excerpts)
    usage: dict = field(default_factory=dict)  # e.g. prompt_tokens, prompt_tokens_cached, completion_tokens


def abstention(reason: str | None = None, confidence: float = 0.0, notes: Sequence[str] = (),
               text: str = NOT_IN_ARTICLES) -> Reading:
    """No answer: ``text`` (the articles don't say), the reason last in the notes."""
    return Reading(text, text, [], True, confidence, [*notes, *([reason] if reason else [])])


class CitationList:
    """Numbers cited sentences in order of first use."""

    def __init__(self) -> None:
        self.items: list[Citation] = []

    def mark(self, sentence: Sentence) -> str:
        for citation in self.items:
            if citation.doc_id == sentence.doc_id and citation.start == sentence.start:
                return f"[{citation.n}]"
        p = sentence.passage
        self.items.append(Citation(len(self.items) + 1, sentence.doc_id, p.title, p.source,
                                   p.published.isoformat() if p.published else None, p.url, sentence.text,
                                   sentence.start, sentence.end))
        return f"[{len(self.items)}]"

    def quotes(self) -> str:
        return "\n".join(f"[{c.n}] “{c.quote}”" for c in self.items)
