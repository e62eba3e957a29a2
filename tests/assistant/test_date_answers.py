"""Date answers: the granularity a when-question asks for."""

from __future__ import annotations

import pytest

from assistant.date_answers import asked_granularity


@pytest.mark.parametrize("question, granularity", [
    ("In what year was the deal struck?", "year"), ("On what date did Ankara announce it?", "day"),
    ("Which month did the fighting start?", "month"), ("When is the summit?", None),
])
def test_asked_granularity(question: str, granularity: str | None) -> None:
    assert asked_granularity(question) == granularity
