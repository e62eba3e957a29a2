"""Lengths of time a text gives ("a one-day visit", "for three weeks", "several days", "48 hours"), and
whether two of them can be the same: "several days" cannot be a one-day visit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.language.lexicon import NUMBER_WORDS, stem

#: Stems of the units a length of time is counted in, with their length in seconds (a month of 30 days)
UNITS = {"second": 1, "minut": 60, "hour": 3600, "day": 86_400, "week": 604_800, "month": 2_592_000,
         "year": 31_536_000, "decad": 315_360_000}
#: Verbs that say how long something goes on: "is the trip to last several days?"
LASTING_VERBS = frozenset(stem(w) for w in ("last", "span"))
#: Words before a length of time that make it how long something goes on ("lasting three days", "for a week")
LASTING_BEFORE = re.compile(r"\b(?:for|lasting|lasted|lasts|last|spanning)\s+$", re.I)
#: Amounts without a number: the least (and most, None for no bound) each may be
_VAGUE = {"several": (2, None), "a few": (2, None), "a couple of": (2, 2), "multiple": (2, None),
          "many": (2, None), "a": (1, 1), "an": (1, 1), "a single": (1, 1), "single": (1, 1),
          "multi": (2, None)}  # "a multi-day visit"
_AMOUNT = "|".join(sorted([*NUMBER_WORDS, *_VAGUE, r"\d+"], key=len, reverse=True))
_UNIT = r"(?:second|minute|hour|day|week|month|year|decade)s?"
_MORE = r"(?:(?P<more>more than|over|at least)\s+)?"
#: "one-day", "48-hour", "three days", "several weeks", "a day", "more than a week"
_DURATION = re.compile(rf"\b{_MORE}(?P<amount>{_AMOUNT})(?:-|\s+)(?P<unit>{_UNIT})(?:-long)?\b(?P<after>\s+\w+)?", re.I)


@dataclass(frozen=True)
class Duration:
    """At least ``least`` and at most ``most`` seconds (inf: no upper bound), counted in ``unit`` (a stem:
    "day"), at ``start``:``end`` of the text; ``noun``: the word it describes where it is written before
    one ("visit" in "a one-day visit")."""

    least: float
    most: float
    unit: str
    start: int
    end: int
    noun: str = ""

    def could_be(self, other: Duration) -> bool:
        """Can both be the same length of time ("a day" and "24 hours": yes; "several days" and "one-day": no)?"""
        return max(self.least, other.least) <= min(self.most, other.most)


def _amount(text: str) -> tuple[int, int | None]:
    lower = " ".join(text.lower().split())
    if lower.isdigit():
        return int(lower), int(lower)
    if lower in _VAGUE:
        return _VAGUE[lower]
    value = NUMBER_WORDS[lower]
    return value, value


def durations(text: str) -> list[Duration]:
    """Every length of time ``text`` gives, in order."""
    found = []
    for match in _DURATION.finditer(text):
        least, most = _amount(match.group("amount"))
        unit = stem(match.group("unit"))
        seconds = UNITS[unit]
        low, high = least * seconds, float("inf") if most is None else most * seconds
        if match.group("more"):  # "at least a week": that or longer; "more than a week": any longer
            low, high = low + (match.group("more").lower() != "at least"), float("inf")
        joined = "-" in text[match.start("amount"):match.end("unit")]  # "one-day visit": the unit describes a noun
        noun = match.group("after").strip() if joined and match.group("after") else ""
        end = match.end("after") if noun else match.end("unit")
        found.append(Duration(low, high, unit, match.start(), end, noun))
    return found
