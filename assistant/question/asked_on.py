"""When a question is asked: "this week" is the week before the asking day, and later news did not exist yet.

A question carries the day it is asked (today, unless the caller says otherwise, as the news-quiz
benchmark does with each quiz's date). Retrieval then reads only articles published by that day (a day's
slack for time zones), and a question that says "this week", "today" or "this month" reads the articles of
that period first; where that finds nothing, the whole archive up to the day is read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from assistant.types import Filters

SLACK = timedelta(days=1)
#: phrases of a question that place what it asks in a period before the asking day, and that period's length
PERIODS: list[tuple[re.Pattern[str], timedelta]] = [
    (re.compile(r"\b(?:today|yesterday|tonight|last night|this morning)\b", re.I), timedelta(days=3)),
    (re.compile(r"\b(?:this|last|past) (?:week|weekend)\b|\bthis past week\b", re.I), timedelta(days=9)),
    (re.compile(r"\b(?:this|last|past) month\b", re.I), timedelta(days=35)),
]


def period_asked(question: str) -> timedelta | None:
    """How far back the question's own time words reach ("this week": 9 days), or None."""
    return next((length for pattern, length in PERIODS if pattern.search(question)), None)


def dated_filters(question: str, asked_on: date, filters: Filters | None = None) -> tuple[Filters, Filters]:
    """(the period the question speaks of, everything up to the asking day), each within ``filters``."""
    filters = filters or Filters()
    latest = asked_on + SLACK
    until = min(filters.published_to, latest) if filters.published_to else latest
    archive = replace(filters, published_to=until)
    length = period_asked(question)
    if length is None:
        return archive, archive
    since = asked_on - length
    since = max(filters.published_from, since) if filters.published_from else since
    return replace(archive, published_from=since), archive
