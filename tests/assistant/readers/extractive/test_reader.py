"""The extractive reader on passages written here: typed answers, sentence answers, and when it abstains."""

from __future__ import annotations

from datetime import datetime

import pytest

from assistant.question.analyse import analyse
from assistant.readers.base import ReaderInputs
from assistant.readers.extractive.reader import ExtractiveReader
from assistant.types import Passage

ARTICLE = ("Turkish President Recep Tayyip Erdogan will visit Russia on Thursday for a summit with his Russian "
           "counterpart Vladimir Putin, his office said. The summit follows an airstrike in Idlib that killed 34 "
           "Turkish soldiers. Kremlin spokesman Dmitry Peskov said the two leaders would meet in Moscow. "
           "Erdogan opened the borders to pressure Europe into giving Turkey more assistance.")
OTHER = "Putin and Erdogan hold their summit on Thursday, the Kremlin said."


@pytest.fixture(scope="module")
def reader() -> ExtractiveReader:
    return ExtractiveReader()


def _read(reader: ExtractiveReader, question: str, *texts: str):
    passages = [Passage(f"c{i}", f"d{i}", text, 0, len(text), f"Title {i}", "source", datetime(2020, 3, 2), None)
                for i, text in enumerate(texts)]
    return reader.read(ReaderInputs(analyse(question), passages))


def test_a_date_answer_cites_every_article_that_gives_it(reader) -> None:
    reading = _read(reader, "When is the summit?", ARTICLE, OTHER)
    assert not reading.abstained and reading.short == "Thursday 5 March 2020"
    assert {c.doc_id for c in reading.citations} == {"d0", "d1"}
    assert "“Thursday” in an article published Monday 2 March 2020" in reading.text


@pytest.mark.parametrize("question, expected", [
    ("Who is the Kremlin spokesman?", "Dmitry Peskov"),
    ("How many Turkish soldiers did the airstrike kill?", "34 Turkish soldiers"),
    ("In which city will the two leaders meet?", "Moscow"),
])
def test_typed_answers(reader, question: str, expected: str) -> None:
    reading = _read(reader, question, ARTICLE)
    assert reading.short == expected and reading.citations and reading.confidence >= reader.threshold


def test_a_why_is_answered_with_the_sentence_that_says_it(reader) -> None:
    reading = _read(reader, "Why did Erdogan open the borders?", ARTICLE)
    assert reading.short.startswith("Erdogan opened the borders to pressure Europe")
    assert reading.citations[0].quote == reading.short


@pytest.mark.parametrize("question, note", [
    ("What did Emmanuel Macron say about the summit?", "never mention Emmanuel Macron"),
    ("What is the population of Idlib?", "do not say enough"),  # only the name is in the articles
    ("Did Erdogan visit Russia?", "yes/no"),
])
def test_abstentions_say_why(reader, question: str, note: str) -> None:
    reading = _read(reader, question, ARTICLE)
    assert reading.abstained and reading.citations == [] and any(note in n for n in reading.notes), reading.notes


def test_when_no_name_stands_out_the_best_sentence_answers(reader) -> None:
    meetings = ("Erdogan met Vladimir Putin in March.", "Erdogan met Bashar Assad in March.")
    reading = _read(reader, "Who did Erdogan meet in March?", *meetings)
    assert not reading.abstained and reading.short in meetings and reading.citations[0].quote == reading.short
    # ... and abstains when that sentence does not say what is asked
    reading = _read(reader, "Who did Erdogan phone about the refugees in March?", *meetings)
    assert reading.abstained and any("do not say enough" in n for n in reading.notes), reading.text


@pytest.mark.parametrize("question, expected", [
    ("Which state has the most confirmed cases of monkeypox?", "California"),
    ("Which country has the most confirmed cases of monkeypox?", "United States"),
])
def test_a_place_of_the_kind_asked_is_preferred(engine, question: str, expected: str) -> None:
    text = ("Monkeypox cases keep rising in the United States, where California has the most confirmed cases, "
            "health officials said.")
    assert _read(ExtractiveReader(embed=engine._embed_short), question, text).short == expected
    assert _read(ExtractiveReader(), question, text).short == text  # without word vectors neither stands out
