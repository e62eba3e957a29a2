"""A question that takes for granted what the articles only hope for is answered by saying so."""

from __future__ import annotations

import pytest

from assistant import Assistant


@pytest.mark.parametrize("question", [
    "When did the ceasefire signed by the two leaders begin?",  # a ceasefire is only hoped for
    "Where was the ceasefire that the presidents agreed signed?",
])
def test_what_the_articles_only_hope_for_is_not_taken_as_done(engine, question: str) -> None:
    a = Assistant(engine=engine).ask(question)
    assert a.abstained and any("only as hoped for" in note for note in a.notes), (a.text, a.notes)


def test_a_question_about_the_hope_itself_is_answered(engine) -> None:
    a = Assistant(engine=engine).ask("What measures did Erdogan hope Putin would take?")
    assert not a.abstained and "ceasefire" in a.citations[0].quote
