"""Reasons inside a sentence, for why-questions (the whole reader is tested in test_answers.py)."""

from __future__ import annotations

import pytest

from assistant.readers.extractive.sentences import _causes, _clause_end


@pytest.mark.parametrize("text, cause", [
    ("We need to talk it through so it won’t repeat itself.", "so it won’t"),  # what for
    ("The crisis is so dire that a personal conversation is needed.", "so dire that"),
    ("Erdogan opened the borders in a bid to force Western countries to help.", "in a bid to"),
    # "determined to avoid" says what is wanted; the relative clause on ties says why
    ("Ankara remains determined to avoid clashes with Moscow, with which it shares ties.", ", with which "),
])
def test_causes(text: str, cause: str) -> None:
    assert [m.group(0) for m in _causes(text)][:1] == [cause]


def test_no_cause_in_a_plain_statement() -> None:
    assert _causes("Russia treasures its ties with Turkey.") == []


def test_a_clause_ends_at_a_comma_with_or_without_a_closing_quote() -> None:
    said = "“We need to talk so it won’t repeat itself,” the President stressed."
    assert said[:_clause_end(said, 10)].endswith("itself")
    plain = "Because it shares ties, Ankara waits."
    assert plain[:_clause_end(plain, 0)] == "Because it shares ties"
    assert _clause_end("No comma here.", 0) == len("No comma here.")
