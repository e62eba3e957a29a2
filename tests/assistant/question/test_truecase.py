"""Names typed in lower case get the capitals the articles give them."""

from __future__ import annotations

from assistant import Assistant
from assistant.question.truecase import casing_table, truecase

TEXTS = ["Turkish President Recep Tayyip Erdogan will visit Russia on Thursday.",
         "Then Erdogan met Putin in Moscow, and Turkey and Russia agreed. The summit may end soon; it may not."]


def test_names_the_articles_capitalise_get_their_capitals_back() -> None:
    casing = casing_table(TEXTS)
    assert truecase("where did erdogan meet putin in russia", casing) == "where did Erdogan meet putin in Russia"
    # "putin" is written once mid-sentence: too little to tell; "may" is no name; a word no one knows is one
    assert truecase("what has macronn said, may he", casing) == "what has Macronn said, may he"


def test_a_question_that_capitalises_names_is_left_as_typed() -> None:
    casing = casing_table(TEXTS)
    assert truecase("Did Erdogan meet the turkey lobby?", casing) == "Did Erdogan meet the turkey lobby?"


def test_lower_case_questions_are_read_like_capitalised_ones(engine) -> None:
    chat = Assistant(engine=engine)
    assert chat.ask("who is turkey's defence minister?").abstained  # not "Bashar al-Assad"
    assert Assistant(engine=engine).ask("where did putin and erdogan meet").short == "Moscow"
    a = Assistant(engine=engine).ask("what has emmanuel macron said about the refugees?")
    assert a.abstained and any("Emmanuel" in note for note in a.notes), a.notes
