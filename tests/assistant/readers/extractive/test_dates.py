"""Date answers: the granularity a when-question asks for."""

from __future__ import annotations

import pytest

from assistant.readers.extractive.dates import asked_granularity


@pytest.mark.parametrize("question, granularity", [
    ("In what year was the deal struck?", "year"), ("On what date did Ankara announce it?", "day"),
    ("Which month did the fighting start?", "month"), ("When is the summit?", None),
])
def test_asked_granularity(question: str, granularity: str | None) -> None:
    assert asked_granularity(question) == granularity



def test_an_exact_date_is_not_answered_by_a_week() -> None:
    from datetime import date

    from assistant.readers.extractive.spans import Candidate
    from assistant.readers.extractive.dates import too_coarse
    from assistant.question.analyse import analyse
    from assistant.dates.resolve import DateMention

    week = Candidate("w", "the week of 24 February", None, 0, 9, 1.0, date=DateMention(0, 9, "last week", date(2020, 2, 24), "week", True))  # type: ignore[arg-type]
    assert too_coarse(analyse("On what exact date did the airstrike happen?"), week)
    assert not too_coarse(analyse("When did the airstrike happen?"), week)
    assert too_coarse(analyse("On which day of last week did the airstrike happen?"), week)  # the week is known
    assert not too_coarse(analyse("On what day did the airstrike happen?"), week)


def test_a_date_a_possessive_ties_to_something_else_is_not_the_answer() -> None:
    from datetime import datetime

    from assistant.readers.extractive.dates import _dates_another
    from assistant.question.analyse import analyse
    from assistant.dates.resolve import find_dates

    text = "Putin offered condolences over the troops killed in last week's airstrike, and Sunday's drone strikes killed 19."
    last_week, sunday = find_dates(text, datetime(2020, 3, 5))

    def ties(question: str) -> list[bool]:
        return [_dates_another(analyse(question), text, m) for m in (last_week, sunday)]

    assert ties("When did Putin and Erdogan have the phone call?") == [True, True]  # a call is no strike
    assert ties("When was the airstrike that killed the troops?") == [False, True]
    assert ties("When did the strikes happen?") == [False, False]  # an airstrike is a strike
