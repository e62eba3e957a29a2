"""Whether a place named in a sentence is where the act asked about happened."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.readers.extractive.spans import Candidate
from assistant.readers.extractive.places import ONE_OF_SEVERAL, asked_within, only_a_thing, weigh_by_number_asked, word_before_place
from assistant.question.analyse import analyse


def test_the_word_a_place_attaches_to_is_a_whole_hyphenated_compound() -> None:
    assert word_before_place("as the two sat to the closely-watched one-to-one in ") == "one-to-one"
    assert word_before_place("set their hopes high for the meeting in the city of ") == "meeting"
    assert word_before_place("Putin met Erdogan, ") is None


def test_a_thing_is_no_event() -> None:
    assert only_a_thing("tensions") and not only_a_thing("meeting") and not only_a_thing("province")


def test_the_place_asked_within() -> None:
    assert asked_within(analyse("Which town in Idlib was hit?")) == "Idlib"
    assert asked_within(analyse("Which city in Europe did the migrants reach?")) is None  # a continent
    assert asked_within(analyse("Where did they meet?")) is None


def _candidate(display: str) -> Candidate:
    return Candidate(display.lower(), display, SimpleNamespace(text=display), 0, len(display), 1.0)  # type: ignore[arg-type]


def test_two_countries_asked_want_two_names_and_no_continent() -> None:
    pair, one, continent = _candidate("Greece and Bulgaria"), _candidate("Greece"), _candidate("Europe")
    weigh_by_number_asked(analyse("Toward which two countries did Erdogan open the borders?"), [pair, one, continent], "country")
    assert pair.score == 1.0 and one.score == ONE_OF_SEVERAL and continent.score == ONE_OF_SEVERAL ** 2
