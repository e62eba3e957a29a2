"""Relative dates resolved the way a reader resolves them."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from assistant.dates.resolve import clause_tense, describe_resolution, find_dates, format_date

MONDAY = datetime(2020, 3, 2, 9, 0, tzinfo=timezone.utc)  # the New Arab article
THURSDAY = datetime(2020, 3, 5, 11, 15, tzinfo=timezone.utc)  # the RT article


def _dates(text: str, published=MONDAY) -> list[tuple[str, date, str]]:
    return [(m.text, m.value, m.granularity) for m in find_dates(text, published)]


@pytest.mark.parametrize("text, expected", [
    ("Erdogan will visit Russia on Thursday for a summit", date(2020, 3, 5)),
    ("his office said on Monday", date(2020, 3, 2)),
    ("Turkey confirmed on Sunday that it had launched an operation", date(2020, 3, 1)),
    ("The talks were held last Thursday", date(2020, 2, 27)),
    ("They will meet next Monday", date(2020, 3, 9)),
    ("The president is due to pay a visit to Russia on March 5", date(2020, 3, 5)),
    ("The deal was signed on 28 February", date(2020, 2, 28)),
    ("It rained yesterday", date(2020, 3, 1)),
    ("the steps that will be taken today", date(2020, 3, 2)),
    ("Two days ago the border opened", date(2020, 2, 29)),
])
def test_relative_and_yearless_dates(text: str, expected: date) -> None:
    (mention,) = find_dates(text, MONDAY)
    assert mention.value == expected
    assert text[mention.start:mention.end] == mention.text


def test_same_weekday_as_publication_is_that_day() -> None:
    assert _dates("Putin met Erdogan on Thursday in Moscow", THURSDAY)[0][1] == date(2020, 3, 5)


def test_absolute_dates_need_no_publication_date() -> None:
    found = _dates("Published 5 March, 2020; also March 7 2021, 2020-03-05 and in May 2019.", None)
    assert [(v, g) for _, v, g in found] == [(date(2020, 3, 5), "day"), (date(2021, 3, 7), "day"),
                                             (date(2020, 3, 5), "day"), (date(2019, 5, 1), "month")]


def test_relative_dates_without_a_publication_date_are_not_guessed() -> None:
    assert _dates("They will meet on Thursday", None) == []


def test_periods_and_years() -> None:
    found = dict((t, (v, g)) for t, v, g in _dates("since December, last week, last month and a 2018 deal"))
    assert found["December"] == (date(2019, 12, 1), "month")
    assert found["last week"] == (date(2020, 2, 24), "week")
    assert found["last month"] == (date(2020, 2, 1), "month")
    assert found["2018"] == (date(2018, 1, 1), "year")


def test_tense() -> None:
    text = "Erdogan will visit Russia on Thursday, his office said on Monday"
    assert clause_tense(text, text.index("Thursday"), text.index("Thursday") + 8) == "future"
    assert clause_tense(text, text.index("Monday"), text.index("Monday") + 6) == "past"


def test_display_and_explanation() -> None:
    assert format_date(date(2020, 3, 5)) == "Thursday 5 March 2020"
    (mention,) = find_dates("will visit Russia on Thursday", MONDAY)
    assert describe_resolution(mention, MONDAY) == "“Thursday” in an article published Monday 2 March 2020"
