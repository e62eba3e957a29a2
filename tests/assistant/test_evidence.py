"""Evidence sentences: what a sentence says of the question's words."""

from __future__ import annotations

from assistant.evidence import collect_sentences, nation_nouns, said_of_another_nation
from assistant.types import Passage


def _sentence(text: str):
    return collect_sentences([Passage("c1", "d1", text, 0, len(text), "Title", None, None, None)])[0]


def test_nouns_a_nationality_comes_with() -> None:
    assert nation_nouns("How many Turkish soldiers died?") == {"soldier": ("soldiers", "turkey")}
    assert nation_nouns("How many soldiers died?") == {}


def test_a_word_said_only_of_another_nation_is_not_the_one_asked() -> None:
    asked = nation_nouns("How many Turkish soldiers did the airstrike kill?")
    assert said_of_another_nation(asked, _sentence("Ankara killed 19 Syrian troops in drone strikes.")) == {"soldier"}
    assert said_of_another_nation(asked, _sentence("The deaths of 34 Turkish troops in an airstrike.")) == set()
    assert said_of_another_nation(asked, _sentence("Dozens of troops died in an airstrike.")) == set()
    # said of both: the question's nation is among them
    both = _sentence("Syrian soldiers and Turkish soldiers clashed.")
    assert said_of_another_nation(asked, both) == set()
