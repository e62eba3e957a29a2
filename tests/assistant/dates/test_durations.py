"""Lengths of time in text, and whether two of them can be the same."""

from __future__ import annotations

from assistant.dates.durations import durations


def test_lengths_of_time_and_the_thing_they_describe() -> None:
    found = durations("The president is due to pay a one-day visit to Russia; talks lasting several hours, 48 hours")
    hour, day, inf = 3600, 86_400, float("inf")
    assert [(d.least, d.most, d.unit, d.noun) for d in found] == [
        (day, day, "day", "visit"), (2 * hour, inf, "hour", ""), (48 * hour, 48 * hour, "hour", "")]
    text = "more than a week"
    (longer,) = durations(text)
    assert (longer.least, longer.most, text[longer.start:longer.end]) == (7 * day + 1, inf, "more than a week")


def test_could_be_the_same_length_of_time() -> None:
    one_day, several_days, a_day_in_hours, a_week = (durations(t)[0] for t in (
        "a one-day visit", "several days", "24 hours", "a week"))
    assert one_day.could_be(a_day_in_hours) and a_day_in_hours.could_be(one_day)
    assert not one_day.could_be(several_days) and not several_days.could_be(one_day)
    assert several_days.could_be(a_week) and not one_day.could_be(a_week)
    assert not a_week.could_be(durations("more than a week")[0])


def test_multi_is_two_or_more() -> None:
    multi_day = durations("was the trip planned as a multi-day visit?")[0]
    assert (multi_day.noun, multi_day.least) == ("visit", 2 * 86_400)
    assert not multi_day.could_be(durations("a one-day visit")[0]) and multi_day.could_be(durations("a week")[0])
