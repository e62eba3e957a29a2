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

from assistant.retrieval.plan import MONTH_NAMES, QuestionParser

_AUX = r"(?:does|did|do|is|was|are|were|has|have|had|can|could|would|will|should)"
#: yes/no: the question starts with an auxiliary, possibly after a leading clause ("After X on May 1, did …")
YES_NO = re.compile(rf"^\s*(?:{_AUX}\b|[^?]{{0,400}}?,\s*{_AUX}\b)", re.I)
_WH = r"(?:who|whom|whose|what|which|where|when|why|how)"
#: where the question proper starts: its first word, or the word after a leading clause's comma
_MAIN = re.compile(rf"(?:^\s*|,\s*)(?P<word>{_AUX}|{_WH})\b", re.I)
#: a relative clause inside the leading clause: "Following the report, which said X, did …" (not the question proper)
_RELATIVE = re.compile(rf",\s*(?:which|who)\b[^,?]*,(?=\s*{_AUX}\b)", re.I)
_DAY_NUMBER = r"\d{1,2}(?:st|nd|rd|th)?\b"
#: metadata the retrieval already uses (the day), not something the article says: "published on October 4, 2023"
_PUBLISHED = re.compile(rf"\b(?:published|posted|released|dated)\s+(?:(?:on|in|around|after|before)\s+)?"
                        rf"(?:(?:{MONTH_NAMES})\.?\s+{_DAY_NUMBER}(?:,?\s*\d{{4}})?|\d{{4}}-\d\d-\d\d|"
                        rf"{_DAY_NUMBER}\s+(?:{MONTH_NAMES})\b(?:,?\s*\d{{4}})?)", re.I)
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
    main = _MAIN.search(_RELATIVE.sub(",", question))
    if not YES_NO.match(question) or main is None or re.fullmatch(_WH, main.group("word"), re.I):
        return None  # not a yes/no question, or one asking for a name ("Considering …, which company …?")
    mentions = parser.find_sources(question)
    if not mentions:
        return None
    days = parser.find_days(question)
    claims: list[Claim] = []
    for i, mention in enumerate(mentions):
        end = mentions[i + 1].start if i + 1 < len(mentions) else len(question)
        text = _claim_text(question[mention.end:end])  # what follows the name says what it reported
        if len(text.split()) < 3:  # "… as reported by TechCrunch?": what comes before it
            start = mentions[i - 1].end if i else 0
            text = _claim_text(question[start:mention.start])
        day = next((d for offset, d in days if mention.start <= offset < end), None)
        # a claim once: the same words for the same sources (two sources may borrow the same words)
        if len(text.split()) >= 2 and all((text, mention.sources) != (c.text, c.sources) for c in claims):
            claims.append(Claim(text, mention.sources, question[mention.start:mention.end], day))
    if not claims:
        return None
    return ClaimPlan(question, "yes_no", claims, _order(question, mentions) if len(claims) >= 2 else None)


def _claim_text(span: str) -> str:
    """The words of a question's span that say what was reported: no "published on <day>", no edge words."""
    return _EDGE.sub("", _PUBLISHED.sub(" ", span).strip()).strip()


def _order(question: str, mentions: list) -> bool | None:
    """Is the first claim asked to come before the second (True), after it (False), or neither (None)?"""
    first, second = mentions[0], mentions[1]
    # "… reported X before The Verge …": the order word right before the second name relates the reports
    between = [m for m in _ORDER.finditer(question, first.end, second.start)
               if re.fullmatch(r"[\W]*(?:(?:the|an?)\W+)?", question[m.end():second.start], re.I)]
    if between:
        return between[-1].group(1).lower() in _EARLIER
    leading = _ORDER.match(question.lstrip())  # "After X reported …, did Y …": Y came after X
    if leading and (question.lstrip()[leading.end():].lstrip().lower().startswith(("the", "a ", "an "))
                    or first.start < 60):
        return leading.group(1).lower() not in _EARLIER
    return None
