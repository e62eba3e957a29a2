"""Place answers: the preposition before a name, and a name that acts is no place."""

from __future__ import annotations

from assistant.readers.extractive.spans import ACTOR, UNGOVERNED, place_weight
from assistant.question.analyse import analyse

ACTS = "Ankara killed 19 Syrian troops in drone strikes."
SOCHI = "It was their brokering of a 2018 deal in Sochi that led to the posts."


def _weight(question: str, text: str, name: str) -> float:
    return place_weight(analyse(question), text, text.index(name), text.index(name) + len(name))


def test_a_place_that_acts_weighs_less_where_the_question_asks_where() -> None:
    assert _weight("Where was the deal struck?", ACTS, "Ankara") == ACTOR
    assert _weight("In what Russian city was the deal struck?", ACTS, "Ankara") == ACTOR
    assert _weight("What country has been killing Syrian troops?", ACTS, "Ankara") == UNGOVERNED  # who acted
    assert _weight("Where was the deal struck?", SOCHI, "Sochi") > 1.0  # "in Sochi"
    # a city asked for that does the question's act is the answer; one that does another act is a government
    hosted = "Moscow hosted the talks as Ankara demanded a ceasefire."
    assert _weight("Which city hosted the talks?", hosted, "Moscow") == UNGOVERNED
    assert _weight("Which city hosted the talks?", hosted, "Ankara") == ACTOR
    # a clause that only says which airstrike ("that killed the soldiers") is not the act asked about
    assert _weight("Which town was hit in the airstrike that killed the Turkish soldiers?", ACTS, "Ankara") == ACTOR
    # a country that acts may be who "what country" asks for, whatever the verb
    assert _weight("What country has issued a relocation warning?", "Israel told residents to leave.", "Israel") == UNGOVERNED


def test_a_place_right_after_a_word_for_the_event_weighs_more() -> None:
    from types import SimpleNamespace

    from assistant.readers.extractive.spans import Candidate
    from assistant.readers.extractive.reader import EVENT_PLACE, ExtractiveReader
    from assistant.question.analyse import analyse

    def candidate(text: str, name: str) -> Candidate:
        start = text.index(name)
        return Candidate(name.lower(), name, SimpleNamespace(text=text), start, start + len(name), 0.5)

    at_meeting = candidate("Both set their hopes high for the meeting in Moscow.", "Moscow")
    elsewhere = candidate("Tensions rose in Syria before the meeting.", "Syria")
    ExtractiveReader(embed=None)._weigh_event_place(analyse("Where was the meeting?"), [at_meeting, elsewhere])
    assert at_meeting.score == 0.5 * EVENT_PLACE and elsewhere.score == 0.5

