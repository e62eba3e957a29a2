"""The eval set: Q/A pairs with gold answers and gold evidence (schema in ``eval/qa/SCHEMA.md``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_QA = Path(__file__).parent / "qa" / "newsdesk_qa.jsonl"
TYPES = ("when", "where", "who", "how many", "what", "why", "yes-no", "unanswerable")


@dataclass(frozen=True)
class Evidence:
    article: str  # the article's file name in the corpus
    quote: str  # a verbatim span of the cleaned article


@dataclass
class QAItem:
    id: str
    question: str
    type: str
    answers: list[str]
    evidence: list[Evidence] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    answer_date: str | None = None  # ISO date when the answer is a calendar day
    followup_of: str | None = None  # asked in the same chat, right after that item

    @property
    def unanswerable(self) -> bool:
        return not self.answers


class BadEvalFile(ValueError):
    """The eval file does not follow the schema; the message names the line."""


def load_qa(path: str | Path = DEFAULT_QA) -> list[QAItem]:
    items: list[QAItem] = []
    ids: set[str] = set()
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            item = QAItem(id=str(row["id"]), question=row["question"], type=row["type"], answers=list(row["answers"]),
                          evidence=[Evidence(e["article"], e["quote"]) for e in row.get("evidence", [])],
                          tags=list(row.get("tags", [])), answer_date=row.get("answer_date"),
                          followup_of=row.get("followup_of"))
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise BadEvalFile(f"{path} line {number}: {err}") from None
        if item.type not in TYPES:
            raise BadEvalFile(f"{path} line {number}: unknown type {item.type!r} (one of {', '.join(TYPES)})")
        if item.id in ids:
            raise BadEvalFile(f"{path} line {number}: duplicate id {item.id!r}")
        if item.followup_of and item.followup_of not in ids:
            raise BadEvalFile(f"{path} line {number}: followup_of {item.followup_of!r} must name an earlier item")
        ids.add(item.id)
        items.append(item)
    return items


def is_multihop_file(path: str | Path) -> bool:
    """True for a MultiHop-RAG queries file (evidence given as facts)."""
    with open(path, encoding="utf-8") as f:
        first = next((line for line in f if line.strip()), "{}")
    row = json.loads(first)
    return "answer" in row and "answers" not in row
