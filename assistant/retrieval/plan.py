"""Question decomposition for retrieval: which publishers and publication days a question names, and the
clauses that each ask for a different fact.

"Did the TechCrunch report on X published on October 31, 2023, change after The Verge's article on Y?"
names two publishers, each with its own clause and the first with a day; "Which company, known for A, faced B,
and is accused of C, as reported by S and T?" asks for three facts (A, B, C) found in S's or T's articles.
The retriever runs one search per sub-query and fuses them, so that every named source and every clause
is represented in the results.

Publisher names come from the index itself (the ``source`` of each article), never from a fixed list:
"Cnbc | World Business News Leader" is found as itself or as "CNBC", "The Independent - Sports" as itself
or, together with the other "The Independent - ..." sources, as "The Independent".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from index.bm25 import tokenize

MIN_CLAUSE_TERMS = 4  # a clause with fewer content terms is merged into the one before it

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
#: month names and abbreviations, longest first, as a regular-expression alternation (no group)
MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH = rf"(?P<month>{MONTH_NAMES})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
_DATES = [  # day-precise dates: "October 13th, 2023", "13 October 2023", "2023-10-13"; the year is optional
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}(?!:)", re.I),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b{_YEAR}", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
]
_SAME_SOURCE = re.compile(r"\bsame\s+(?:source|publication|publisher|outlet|newspaper|news\s+source)\b", re.I)
_NAME_SUFFIX = re.compile(r"\s+[|\-–—]\s+.*$|:\s+.*$")  # "Cnbc | World Business News Leader" -> "Cnbc"
_CLAUSE_BREAK = re.compile(r"[,;:?!]|\s(?:and|or|but|while|whereas)\s", re.I)


@dataclass(frozen=True)
class Mention:
    """A publisher named at ``question[start:end]``; a short name may stand for several sources."""

    start: int
    end: int
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SubQuery:
    """Text to search for, in some sources' articles only (all when empty), near a publication day."""

    text: str
    sources: tuple[str, ...] = ()
    day: date | None = None


@dataclass
class QueryPlan:
    """The question and its sub-queries (none for a plain question such as "When is the summit?")."""

    question: str
    mentions: list[Mention] = field(default_factory=list)
    subqueries: list[SubQuery] = field(default_factory=list)

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source the question names, in order of first mention."""
        return tuple(dict.fromkeys(s for m in self.mentions for s in m.sources))


def source_aliases(sources: list[str]) -> dict[str, tuple[str, ...]]:
    """Lower-cased names a question may use for the sources: the full name, the name without a tagline
    after a separator, and a domain name without ".com"."""
    aliases: dict[str, set[str]] = {}
    for source in sources:
        for name in {source, _NAME_SUFFIX.sub("", source), source.removesuffix(".com")}:
            if len(name.strip()) >= 3:
                aliases.setdefault(name.strip().lower(), set()).add(source)
    return {alias: tuple(sorted(found)) for alias, found in aliases.items()}


class QuestionParser:
    """Finds source names, days and clauses in questions, for one index's sources and dates."""

    def __init__(self, sources: list[str], latest: date | None = None):
        self.aliases = source_aliases(sources)
        self.latest = latest  # the newest article's day: "October 14th" is the last one before it
        # a name written in lower case in the index ("bbc.co.uk") may be written so in questions too
        self._lowercase = {alias: all(s[0].islower() for s in found) for alias, found in self.aliases.items()}
        names = sorted(self.aliases, key=len, reverse=True)  # longest first: "The Independent - Sports" wins
        self._names = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)", re.I) if names else None

    def parse(self, question: str) -> QueryPlan:
        plan = QueryPlan(question, self.find_sources(question))
        days = self.find_days(question)
        used: set[int] = set()
        for i, mention in enumerate(plan.mentions):  # the question, with the text around this mention added
            start = plan.mentions[i - 1].end if i else 0
            end = plan.mentions[i + 1].start if i + 1 < len(plan.mentions) else len(question)
            offset, day = next(((o, d) for o, d in days if mention.start <= o < end), (-1, None))
            used.add(offset)
            plan.subqueries.append(SubQuery(f"{question}\n{question[start:end]}", mention.sources, day))
        plan.subqueries += [SubQuery(question, plan.sources, day) for offset, day in days if offset not in used]
        plan.subqueries += [SubQuery(clause, plan.sources) for clause in self.clauses(question, plan.mentions)]
        return plan

    def find_sources(self, question: str) -> list[Mention]:
        """Source names, capitalised as names are ("Fortune", not "a fortune"); "the same source" repeats
        the source named before it."""
        found = [] if self._names is None else [
            Mention(m.start(), m.end(), self.aliases[m.group(0).lower()])
            for m in self._names.finditer(question)
            if not m.group(0)[0].islower() or self._lowercase[m.group(0).lower()]]
        for match in _SAME_SOURCE.finditer(question):
            before = [m for m in found if m.end <= match.start()]
            if before:
                found.append(Mention(match.start(), match.end(), before[-1].sources))
        return sorted(found, key=lambda m: m.start)

    def find_days(self, question: str) -> list[tuple[int, date]]:
        """(offset, day) of each day-precise date in the question."""
        found: dict[int, date] = {}
        taken: list[range] = []
        for pattern in _DATES:
            for match in pattern.finditer(question):
                if any(match.start() in span or match.end() - 1 in span for span in taken):
                    continue  # already read by an earlier pattern
                taken.append(range(match.start(), match.end()))
                month = match.group("month")
                number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
                year = int(match.group("year")) if match.group("year") else None
                day = _make_date(year, number, int(match.group("day")), self.latest)
                if day is not None:
                    found[match.start()] = day
        return sorted(found.items())

    @staticmethod
    def clauses(question: str, mentions: list[Mention]) -> list[str]:
        """The question cut at commas and conjunctions, source names blanked out; a clause of fewer than
        ``MIN_CLAUSE_TERMS`` indexable terms joins the previous one (the next one when it comes first)."""
        text = list(question)
        for mention in mentions:
            text[mention.start:mention.end] = " " * (mention.end - mention.start)
        parts = _CLAUSE_BREAK.split("".join(text))
        clauses: list[str] = []
        short, short_terms = "", 0  # short fragments at the start wait for the next one
        for part, tokens in zip(parts, tokenize(parts)):
            if not tokens:
                continue
            if clauses and len(tokens) < MIN_CLAUSE_TERMS:
                clauses[-1] = f"{clauses[-1]} {part.strip()}"
            elif short_terms + len(tokens) < MIN_CLAUSE_TERMS:
                short, short_terms = f"{short} {part.strip()}", short_terms + len(tokens)
            else:
                clauses.append(f"{short} {part.strip()}".strip())
                short, short_terms = "", 0
        return clauses if len(clauses) > 1 else []  # a single clause is the question itself


def _make_date(year: int | None, month: int, day: int, latest: date | None) -> date | None:
    try:
        if year is not None:
            return date(year, month, day)
        today = latest or date.today()
        candidate = date(today.year, month, day)
        return candidate if candidate <= today + timedelta(days=1) else date(today.year - 1, month, day)
    except ValueError:
        return None
