"""Chat follow-ups: "And in which city?" becomes a standalone question before retrieval.

Without an LLM the names and content words of the previous turn (and a short previous answer) are
carried over when the new question leans on them: it starts with "and"/"what about", uses a
pronoun, or names nothing itself. With an LLM, the LLM rewrites it (falling back to this on error).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.question.analyse import QType, analyse

_LEADING = re.compile(r"^\s*(?:and|but|so|also|then|ok(?:ay)?|what about|how about)\b[\s,]*", re.I)
_PRONOUN = re.compile(r"\b(?:he|she|they|him|her|them|his|hers|their|theirs|it|its|there|that|this|those|these)\b", re.I)
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|her)\b", re.I)


@dataclass
class Turn:
    """One exchange of a chat."""

    question: str  # as asked
    standalone: str  # as rewritten for retrieval
    answer: str  # the short answer ("" when abstained)


def needs_context(question: str) -> bool:
    analysed = analyse(question)
    return bool(_LEADING.match(question) or _PRONOUN.search(question) or not analysed.entities
                and len(analysed.stems) <= 1)


def rewrite_followup(question: str, history: list[Turn]) -> str:
    """The question, completed with what it refers to in the previous turn (unchanged if standalone)."""
    if not history or not needs_context(question):
        return question
    previous = history[-1]
    before = analyse(previous.standalone)
    now = analyse(question)
    body = _LEADING.sub("", question).strip()
    body = body[:1].upper() + body[1:]
    names = [e for e in before.entities if e.lower() not in question.lower()]
    if names and _PERSON_PRONOUN.search(body) and len(names) == 1:
        body = _PERSON_PRONOUN.sub(names[0], body, count=1)
        names = []
    carried = names + [before.terms[s] for s in before.stems
                       if s not in now.stems and before.terms.get(s) and before.terms[s] not in names
                       and not any(before.terms[s] in n for n in before.entities)]
    if previous.answer and before.qtype in (QType.WHO, QType.WHERE) and len(previous.answer) <= 60:
        carried.append(previous.answer)
    if not carried:
        return question
    return f"{body.rstrip('?')} ({', '.join(dict.fromkeys(carried))})?"
