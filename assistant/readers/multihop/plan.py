"""Planning a question across sources: its claims, each with the source and day it names, and what is asked.

"Did TechCrunch report X before The Verge reported Y?" is a yes/no question with two claims ("report X"
in TechCrunch's articles, "reported Y" in The Verge's) and an order (the first before the second). A
question that names no source, or asks for a name ("Which company …"), is no claim plan: other readers
answer it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from assistant.retrieval.plan import QuestionParser

_AUX = r"(?:does|did|do|is|was|are|were|has|have|had|can|could|would|will|should)"
#: yes/no: the question starts with an auxiliary, possibly after a leading clause ("After X on May 1, did …")
YES_NO = re.compile(rf"^\s*(?:{_AUX}\b|[^?]{{0,400}}?,\s*{_AUX}\b)", re.I)
_ASKS_WHICH = re.compile(r"^\s*(?:who|whom|whose|what|which|where|when|why|how)\b", re.I)  # asks for a name
_ORDER = re.compile(r"\b(before|prior to|earlier than|preceding|after|following|later than|subsequent to)\b", re.I)
_EARLIER = {"before", "prior to", "earlier than", "preceding"}
_EDGE = re.compile(rf"^(?:\W|{_AUX}\b|and\b|or\b|while\b|whereas\b|but\b|both\b|the\b|an?\b|article\b|report\b|"
                   rf"before\b|after\b|that\b|as\b|by\b|from\b|in\b|of\b|on\b|'s\b|s\b)+|"
                   r"(?:\W|\band|\bor|\bwhile|\bwhereas|\bbut|\bthe|\ban?|\bbefore|\bafter|\bby|\bfrom|\bin|\bof|"
                   r"\bon|\bthat|\bas)+$", re.I)


@dataclass(frozen=True)
class Claim:
    """What one source is said to say: ``text`` (the question's clause around the source's name)."""

    text: str
    sources: tuple[str, ...]
    source_name: str  # as the question writes it
    day: date | None = None


@dataclass
class ClaimPlan:
    question: str
    kind: str  # "yes_no" (the only kind combined here)
    claims: list[Claim] = field(default_factory=list)
    first_earlier: bool | None = None  # the order asked: True: claim 1 before claim 2; False: after; None: none


def plan_claims(question: str, parser: QuestionParser) -> ClaimPlan | None:
    """The claims of a yes/no question that names at least one source; None for any other question."""
    if not YES_NO.match(question) or _ASKS_WHICH.match(question):
        return None
    mentions = parser.find_sources(question)
    if not mentions:
        return None
    days = parser.find_days(question)
    claims: list[Claim] = []
    for i, mention in enumerate(mentions):
        end = mentions[i + 1].start if i + 1 < len(mentions) else len(question)
        text = _EDGE.sub("", question[mention.end:end]).strip()  # what follows the name says what it reported
        if len(text.split()) < 3:  # "… as reported by TechCrunch?": what comes before it
            start = mentions[i - 1].end if i else 0
            text = _EDGE.sub("", question[start:mention.start]).strip()
        day = next((d for offset, d in days if mention.start <= offset < end), None)
        if len(text.split()) >= 2:
            claims.append(Claim(text, mention.sources, question[mention.start:mention.end], day))
    if not claims:
        return None
    return ClaimPlan(question, "yes_no", claims, _order(question, mentions) if len(claims) >= 2 else None)


def _order(question: str, mentions: list) -> bool | None:
    """Is the first claim asked to come before the second (True), after it (False), or neither (None)?"""
    first, second = mentions[0], mentions[1]
    # "… reported X before The Verge …": the order word right before the second name relates the reports
    between = [m for m in _ORDER.finditer(question, first.end, second.start)
               if re.fullmatch(r"[\W]*(?:(?:the|an?)\W+)?", question[m.end():second.start], re.I)]
    if between:
        return between[-1].group(1).lower() in _EARLIER
    leading = _ORDER.match(question.lstrip())  # "After X reported …, did Y …": Y came after X
    if leading and question.lstrip()[leading.end():].lstrip().lower().startswith(("the", "a ", "an ")) or \
            leading and first.start < 60:
        return leading.group(1).lower() not in _EARLIER
    return None
