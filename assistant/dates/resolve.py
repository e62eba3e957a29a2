"""Dates in article text, resolved the way a reader resolves them.

"on Thursday" in a piece published Monday 2 March 2020 is Thursday 5 March 2020 when the clause
looks ahead ("will visit Russia on Thursday") and Thursday 27 February when it looks back ("said
on Thursday"). Absolute dates without a year take the year that the tense and the publication date
imply. Every mention keeps its character offsets, so answers can quote it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WD = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("dmy", re.compile(rf"\b(?:{_WD},?\s+)?{_DAY}\s+{_MONTH},?(?:\s+{_YEAR})?\b")),
    ("mdy", re.compile(rf"\b(?:{_WD},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!:)")),
    ("month_year", re.compile(rf"\b(?:in\s+|since\s+|until\s+|by\s+|early\s+|late\s+|mid-)?{_MONTH}\s+{_YEAR}\b")),
    ("relative_weekday", re.compile(rf"\b(?P<rel>last|next|this|coming|past)\s+{_WD}\b", re.I)),
    ("weekday", re.compile(rf"\b{_WD}(?:'s)?\b")),
    ("relative_day", re.compile(r"\b(?P<word>today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening))\b", re.I)),
    ("relative_period", re.compile(r"\b(?P<rel>last|next|this|earlier this|later this|past|coming)\s+(?P<unit>week|weekend|month|year)\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|later|from now)\b", re.I)),
    ("month_only", re.compile(rf"\b(?P<prep>in|since|until|by|from|during|early|late|mid-|last|next|this)\s+{_MONTH}\b(?!\s+(?:\d|{_YEAR}))")),
    ("year", re.compile(r"\b(?P<prep>in|since|until|by|from|during|of|a|the)?\s*(?P<y>(?:19|20)\d\d)\b(?![-/:]\d)")),
]
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3}
_FUTURE = re.compile(r"\b(?:will|'ll|shall|(?:is|are|was|were)\s+(?:due|set|expected|scheduled|slated|planned|poised|going)\s+to|"
                     r"plans?\s+to|planning\s+to|intends?\s+to|to\s+be\s+held|upcoming|next|ahead\s+of|would)\b", re.I)
_PAST = re.compile(r"\b(?:was|were|had|did|said|told|met|held|took|went|came|left|gave|saw|made|began|won|lost|fought|"
                   r"brought|found|sent|spoke|wrote|shot|struck|fled|led|sat|paid|kept|hit|put|set\s+off|ago|last|earlier|"
                   r"\w+ed)\b", re.I)
_NOT_PAST_ED = {"scheduled", "expected", "planned", "due", "based", "backed", "need", "needed", "speed", "seed", "feed",
                "red", "bed", "hundred", "united", "related", "called", "named", "dubbed", "alleged", "so-called"}
_CLAUSE_BREAK = re.compile(r"[;:\"“”]|,\s|\band\b|\bbut\b|\bwhile\b|\bas\b")


@dataclass(frozen=True)
class DateMention:
    """A date expression at ``text[start:end]`` and the calendar date it stands for."""

    start: int
    end: int
    text: str
    value: date
    granularity: str  # "day", "week", "month" or "year"
    relative: bool  # resolved against the publication date

    def display(self) -> str:
        return format_date(self.value, self.granularity)


def format_date(value: date, granularity: str = "day") -> str:
    if granularity == "year":
        return str(value.year)
    if granularity == "month":
        return f"{calendar.month_name[value.month]} {value.year}"
    if granularity == "week":
        return f"the week of {format_date(value)}"
    return f"{calendar.day_name[value.weekday()]} {value.day} {calendar.month_name[value.month]} {value.year}"


def clause_tense(text: str, start: int, end: int) -> str | None:
    """"future", "past" or None for the clause around ``text[start:end]`` (nearest marker wins)."""
    left = _CLAUSE_BREAK.split(text[max(0, start - 120):start])[-1]
    right = _CLAUSE_BREAK.split(text[end:end + 60], maxsplit=1)[0]
    marks = [(len(left) - m.end(), tense) for tense, m in _tense_markers(left)]
    marks += [(m.start() + 1, tense) for tense, m in _tense_markers(right)]
    return min(marks)[1] if marks else None


def _tense_markers(text: str) -> list[tuple[str, re.Match[str]]]:
    """The future and past markers in ``text`` (not the participles that read as adjectives: "scheduled")."""
    return [("future", m) for m in _FUTURE.finditer(text)] + [
        ("past", m) for m in _PAST.finditer(text) if m.group(0).lower() not in _NOT_PAST_ED]


def _weekday_offset(target: int, ref: date, tense: str | None, rel: str | None) -> int:
    ahead = (target - ref.weekday()) % 7
    behind = (ref.weekday() - target) % 7
    rel = (rel or "").lower()
    if rel in ("next", "coming"):
        return ahead or 7
    if rel in ("last", "past"):
        return -(behind or 7)
    if rel == "this":
        return ahead if tense != "past" else -behind
    if tense == "future":
        return ahead
    if tense == "past":
        return -behind
    return ahead if ahead <= behind else -behind


def _year_for(month: int, day: int, ref: date, tense: str | None) -> int:
    """The year that puts month/day where the tense says, relative to the publication date."""
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if tense == "future":
        later = [c for c in candidates if c >= ref - timedelta(days=1)]
        return min(later, default=candidates[-1]).year
    if tense == "past":
        earlier = [c for c in candidates if c <= ref + timedelta(days=1)]
        return max(earlier, default=candidates[0]).year
    return min(candidates, key=lambda c: abs((c - ref).days)).year


def _shift_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def find_dates(text: str, published: datetime | date | None) -> list[DateMention]:
    """Every date mention in ``text``; relative ones need ``published`` and are skipped without it."""
    ref = published.date() if isinstance(published, datetime) else published
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if kind == "year":
                start = m.start("y")
            elif kind == "month_year":
                start = m.start("month")
            if any(s < end and start < e for s, e in taken):
                continue
            mention = _resolve(kind, m, text, start, end, ref)
            if mention is not None:
                taken.append((start, end))
                found.append(mention)
    return sorted(found, key=lambda d: d.start)


def _resolve(kind: str, m: re.Match[str], text: str, start: int, end: int, ref: date | None) -> DateMention | None:
    surface = text[start:end]
    tense = clause_tense(text, start, end)
    try:
        if kind in ("iso", "dmy", "mdy"):
            month = int(m["month"]) if kind == "iso" else MONTHS[m["month"].lower().rstrip(".")]
            day = int(m["day"])
            if m["year"]:
                return DateMention(start, end, surface, date(int(m["year"]), month, day), "day", False)
            if ref is None:
                return None
            return DateMention(start, end, surface, date(_year_for(month, day, ref, tense), month, day), "day", True)
        if kind == "month_year":
            return DateMention(start, end, surface, date(int(m["year"]), MONTHS[m["month"].lower().rstrip(".")], 1),
                               "month", False)
        if kind == "year":
            value = int(m["y"])
            if not 1900 <= value <= 2100:
                return None
            return DateMention(start, end, surface, date(value, 1, 1), "year", False)
        if ref is None:
            return None
        if kind in ("weekday", "relative_weekday"):
            target = WEEKDAYS[m["weekday"].lower()]
            rel = m.groupdict().get("rel")
            return DateMention(start, end, surface, ref + timedelta(days=_weekday_offset(target, ref, tense, rel)),
                               "day", True)
        if kind == "relative_day":
            word = m["word"].lower()
            shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
            return DateMention(start, end, surface, ref + timedelta(days=shift), "day", True)
        if kind == "relative_period":
            return _relative_period(m["rel"].lower(), m["unit"].lower(), start, end, surface, ref)
        if kind == "ago":
            n = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS[m["n"].lower()]
            unit, direction = m["unit"].lower(), m["dir"].lower()
            sign = -1 if direction in ("ago", "earlier") else 1
            if unit in ("day", "week"):
                days = n * (7 if unit == "week" else 1)
                return DateMention(start, end, surface, ref + timedelta(days=sign * days), "day", True)
            if unit == "month":
                return DateMention(start, end, surface, _shift_months(ref, sign * n), "month", True)
            return DateMention(start, end, surface, date(ref.year + sign * n, 1, 1), "year", True)
        if kind == "month_only":
            month = MONTHS[m["month"].lower().rstrip(".")]
            prep = m["prep"].lower()
            if prep == "may" or (m["month"] == "May" and prep not in ("in", "since", "until", "by", "from", "during")):
                return None
            tense = {"last": "past", "since": "past", "next": "future"}.get(prep, tense)
            year = _year_for(month, 1, ref.replace(day=1), tense)
            offset = m.start("month") - m.start()
            return DateMention(start + offset, end, text[start + offset:end], date(year, month, 1), "month", True)
    except (ValueError, KeyError):
        return None
    return None


def _relative_period(rel: str, unit: str, start: int, end: int, surface: str, ref: date) -> DateMention:
    step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit in ("week", "weekend"):
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
        if unit == "weekend":
            return DateMention(start, end, surface, monday + timedelta(days=5), "day", True)
        return DateMention(start, end, surface, monday, "week", True)
    if unit == "month":
        return DateMention(start, end, surface, _shift_months(ref.replace(day=1), step), "month", True)
    return DateMention(start, end, surface, date(ref.year + step, 1, 1), "year", True)


def describe_resolution(mention: DateMention, published: datetime | date | None) -> str | None:
    """"“on Thursday” in an article published Monday 2 March 2020" for relative mentions, else None."""
    if not mention.relative or published is None:
        return None
    ref = published.date() if isinstance(published, datetime) else published
    return f"“{mention.text}” in an article published {format_date(ref)}"
