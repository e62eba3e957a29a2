"""Question parsing for retrieval: which publishers and publication dates a question names, and the
clause that goes with each of them.

"Did the TechCrunch report on X published on October 31, 2023, and The Verge article on Y ..." names two
publishers, each with its own clause (and the first with a date). The retriever searches each publisher's
articles for its clause, so that every source the question asks about is represented in the results.

Publisher names come from the index itself (the ``source`` of each article), never from a fixed list:
"Cnbc | World Business News Leader" is found as itself or as "CNBC", "The Independent - Sports" as itself
or, together with the other "The Independent - ..." sources, as "The Independent".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

_MONTH_NAMES = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH_NAMES["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = [  # day-precise dates only: "October 13th, 2023", "13 October 2023", "2023-10-13"
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?(?!:)", re.I),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_YEAR}\b)?", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
]
_SAME_SOURCE = re.compile(r"\b(?:the\s+)?same\s+(?:source|publication|publisher|outlet|news\s+source)\b", re.I)
_SEPARATORS = re.compile(r"\s+[|:\-–—]\s+|:\s+")


@dataclass(frozen=True)
class Mention:
    """A publisher named at ``question[start:end]``; an alias may stand for several index sources."""

    start: int
    end: int
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SubQuery:
    """A clause of the question to be searched in some sources' articles, optionally near a date."""

    text: str
    sources: tuple[str, ...]
    day: date | None = None


@dataclass
class QueryPlan:
    """What retrieval needs to know about a question."""

    question: str
    mentions: list[Mention] = field(default_factory=list)
    days: list[date] = field(default_factory=list)
    subqueries: list[SubQuery] = field(default_factory=list)

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source the question names, in order of first mention."""
        return tuple(dict.fromkeys(s for m in self.mentions for s in m.sources))


def source_aliases(sources: list[str]) -> dict[str, tuple[str, ...]]:
    """Lower-cased names by which a question may refer to sources: the full name, and the part before a
    separator ("Cnbc | World Business News Leader" -> "cnbc", "FOX News - Health" -> "fox news")."""
    aliases: dict[str, set[str]] = {}
    for source in sources:
        names = {source, _SEPARATORS.split(source)[0], source.removesuffix(".com")}
        for name in names:
            name = name.strip()
            if len(name) >= 3:
                aliases.setdefault(name.lower(), set()).add(source)
    return {alias: tuple(sorted(found)) for alias, found in aliases.items()}


class QuestionParser:
    """Finds source names and dates in questions, against one index's list of sources."""

    def __init__(self, sources: list[str], latest: date | None = None):
        self.aliases = source_aliases(sources)
        self.latest = latest  # the newest publication date: "October 14th" means the last one before it
        names = sorted(self.aliases, key=len, reverse=True)  # longest first: "the independent - sports" wins
        self._pattern = (re.compile(r"(?<![\w])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])", re.I)
                         if names else None)

    def parse(self, question: str) -> QueryPlan:
        plan = QueryPlan(question, self.find_sources(question))
        dated = self.find_dates(question)
        plan.days = list(dict.fromkeys(day for _, day in dated))
        plan.subqueries = self._subqueries(question, plan.mentions, dated)
        return plan

    def find_sources(self, question: str) -> list[Mention]:
        """Source names in the question; a name must be capitalised as a name is ("Fortune", not "a fortune").
        "the same source" repeats the previously named one."""
        found: list[Mention] = []
        if self._pattern is not None:
            for match in self._pattern.finditer(question):
                if match.group(0)[0].isupper() or match.group(0)[0].isdigit():
                    found.append(Mention(match.start(), match.end(), self.aliases[match.group(0).lower()]))
        for match in _SAME_SOURCE.finditer(question):
            before = [m for m in found if m.end <= match.start()]
            if before:
                found.append(Mention(match.start(), match.end(), before[-1].sources))
        return sorted(found, key=lambda m: m.start)

    def find_dates(self, question: str) -> list[tuple[int, date]]:
        """(offset, date) for each day-precise date; a date without a year takes the latest such day that
        is not after the newest article."""
        found: dict[int, date] = {}
        for pattern in _DATE_PATTERNS:
            for match in pattern.finditer(question):
                if any(start <= match.start() < start + 12 for start in found):
                    continue
                month = match.group("month")
                month_number = int(month) if month.isdigit() else _MONTH_NAMES[month.lower().rstrip(".")]
                day = _valid_date(int(match.group("year")) if match.group("year") else None, month_number,
                                  int(match.group("day")), self.latest)
                if day is not None:
                    found[match.start()] = day
        return sorted(found.items())

    @staticmethod
    def _subqueries(question: str, mentions: list[Mention], dated: list[tuple[int, date]]) -> list[SubQuery]:
        """One clause per source mention, running to the next mention; a date inside it goes with it."""
        clauses: list[SubQuery] = []
        for i, mention in enumerate(mentions):
            end = mentions[i + 1].start if i + 1 < len(mentions) else len(question)
            day = next((d for offset, d in dated if mention.start <= offset < end), None)
            clauses.append(SubQuery(question[mention.end:end], mention.sources, day))
        return clauses


def _valid_date(year: int | None, month: int, day: int, latest: date | None) -> date | None:
    try:
        if year is not None:
            return date(year, month, day)
        today = latest or date.today()
        candidate = date(today.year, month, day)
        return candidate if candidate <= today + timedelta(days=1) else date(today.year - 1, month, day)
    except ValueError:
        return None
