"""Typed candidates in an evidence sentence: dates, numbers, names."""

from __future__ import annotations

from datetime import datetime

from assistant.evidence.sentences import collect_sentences
from assistant.language.entities import Entity
from assistant.question.analyse import analyse
from assistant.readers.extractive.candidates import (date_candidates, labels_for, name_candidates, number_candidates,
                                                     proximity)
from assistant.types import Passage

MONDAY = datetime(2020, 3, 2)


def _sentence(text: str, published: datetime | None = MONDAY):
    sentence = collect_sentences([Passage("c1", "d1", text, 0, len(text), "Title", None, published, None)])[0]
    sentence.score = 1.0
    return sentence


def test_a_relative_date_is_resolved_and_the_one_near_the_question_weighs_most() -> None:
    question = analyse("When is the summit?")
    found = date_candidates(question, _sentence("Erdogan will visit Russia on Thursday for a summit, his office said "
                                                "on Monday."))
    assert [c.display for c in found] == ["Thursday 5 March 2020", "Monday 2 March 2020"]
    assert found[0].score > found[1].score
    assert found[0].note == "“Thursday” in an article published Monday 2 March 2020"


def test_a_year_the_question_gives_is_not_its_answer() -> None:
    question = analyse("When was the 2018 Sochi deal signed?")
    assert date_candidates(question, _sentence("The 2018 Sochi deal was signed in September.", None)) == []


def test_numbers_count_the_question_s_noun_and_are_not_dates() -> None:
    question = analyse("How many Turkish soldiers died?")
    found = number_candidates(question, _sentence("On 27 February 34 Turkish soldiers died, and 19 Syrian soldiers."))
    assert [(c.display, c.key) for c in found] == [("34 Turkish soldiers", "34"), ("19 Syrian soldiers", "19")]
    assert found[0].score > found[1].score  # all of the question's noun, against half of it
    assert number_candidates(question, _sentence("Ankara killed 19 Syrian troops.")) == []  # other things counted


def test_how_long_and_how_much_want_a_unit_of_time_and_money() -> None:
    sentence = _sentence("The two-day talks cost $3 million and 40 delegates came for 3 days.")
    assert [c.display for c in number_candidates(analyse("How long did the talks last?"), sentence)] == ["two-day", "3 days"]
    assert [c.key for c in number_candidates(analyse("How much did the talks cost?"), sentence)] == ["$3 million"]


def test_names_of_the_wanted_kind_other_than_the_question_s_own() -> None:
    text = "President Recep Tayyip Erdogan met Vladimir Putin in Moscow."
    entities = [Entity(10, 30, "PERSON", "Recep Tayyip Erdogan"), Entity(35, 48, "PERSON", "Vladimir Putin"),
                Entity(52, 58, "GPE", "Moscow")]
    question = analyse("Who did Erdogan meet?")
    assert labels_for(question) == {"PERSON"}
    found = name_candidates(question, _sentence(text), entities, labels_for(question))
    assert [(c.key, c.display) for c in found] == [("putin", "Vladimir Putin")]
    where = analyse("Where did Erdogan meet Putin?")
    assert [c.display for c in name_candidates(where, _sentence(text), entities, labels_for(where))] == ["Moscow"]
    assert labels_for(analyse("Which company makes it?")) == {"ORG"}


def test_proximity_falls_off_with_distance_from_the_question_s_words() -> None:
    question = analyse("When is the summit?")
    sentence = _sentence("The summit is on Thursday, long after the talks that ended on Monday.")
    near = proximity(sentence, question, sentence.text.index("Thursday"), sentence.text.index("Thursday") + 8)
    far = proximity(sentence, question, sentence.text.index("Monday"), sentence.text.index("Monday") + 6)
    assert 0.3 <= far < near <= 1.0
