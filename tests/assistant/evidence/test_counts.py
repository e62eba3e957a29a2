"""Counts a question gives: a sentence that counts the same things otherwise is about another event."""

from __future__ import annotations

from assistant.evidence.counts import counted_otherwise, counts_in


def test_the_counted_noun_and_its_hedge() -> None:
    assert counts_in("the air raid that killed the 34 Turkish soldiers") == {"soldier": ("soldiers", 34.0, "")}
    assert counts_in("More than 13,000 refugees have gathered")["refuge"][1:] == (13000.0, "more than")
    assert counts_in("How many were wounded in the airstrike that killed 34?") == {}  # no noun counted


def test_another_count_of_the_same_things_is_another_event() -> None:
    asked = counts_in("When did the air raid that killed the 34 Turkish soldiers happen?")
    assert counted_otherwise(asked, "Ankara killed 19 Syrian troops in drone strikes on Sunday.")  # troops: soldiers
    assert not counted_otherwise(asked, "the deaths of 34 Turkish troops in an Idlib airstrike")
    assert not counted_otherwise(asked, "the regime killed more than 30 Turkish soldiers")  # 34 is more than 30
    assert not counted_otherwise(asked, "Ankara downed two regime planes on Sunday.")  # planes are not soldiers
    assert not counted_otherwise({}, "Ankara killed 19 Syrian troops.")
