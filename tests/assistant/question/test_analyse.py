"""Question analysis."""

from __future__ import annotations

import pytest

from assistant.question.analyse import BadQuestion, QType, analyse, normalise_question


@pytest.mark.parametrize("question, qtype", [
    ("When is the summit?", QType.WHEN), ("On what day did Ankara kill 19 Syrian troops?", QType.WHEN),
    ("Where did Putin and Erdogan meet?", QType.WHERE), ("In which city was the deal brokered?", QType.WHERE),
    ("Which village in Idlib was hit?", QType.WHERE),
    ("Who is the Kremlin spokesman?", QType.WHO), ("Which BBC World Service reporter reported it?", QType.WHO),
    ("How many Turkish troops died?", QType.HOW_MANY), ("How long will the visit last?", QType.HOW_MANY),
    ("Why did Erdogan open the borders?", QType.WHY), ("Did Erdogan hope for a ceasefire?", QType.YES_NO),
    ("What did Putin say about who knew the location?", QType.WHAT),
    ("According to Putin, who knew the location?", QType.WHO),
    ("What did the Turkish president hope the Kremlin chief would push for?", QType.WHAT),
    ("Which Kremlin official commented on the talks?", QType.WHO), ("Which body supplied the tally?", QType.WHO),
    ("According to Putin, did the Syrian army know where the troops were?", QType.YES_NO),
    # a leading clause does not decide the type
    ("After the summit, did Putin express his condolences?", QType.YES_NO),
    ("Even with Greece announcing drills along its borders, did Erdogan pledge to keep the gates open?", QType.YES_NO),
    ("When Erdogan met Putin, what did they agree?", QType.WHAT),
    ("Since when, according to the article, has fighting displaced civilians?", QType.WHEN),
    # "how did it end up / come to …" asks what brought it about; "how did they classify …" does not
    ("How did the airstrike end up hitting the Turkish troops?", QType.WHY),
    ("How did Turkey come to set up posts in Idlib?", QType.WHY),
    ("How did the Turkish army classify Syrian military assets?", QType.WHAT),
    # an aim or purpose asked is a reason
    ("What was Erdogan's aim in opening the borders?", QType.WHY), ("What is the purpose of the posts?", QType.WHY),
    ("What is the aim?", QType.WHAT),
    ("In what part of Syria did the airstrike happen?", QType.WHERE), ("What part did Russia play?", QType.WHAT),
    # a sentence before the question sets the scene: the last one asks
    ("Nichelle Nichols, who died this week, starred in Star Trek. Which iconic role did she play?", QType.WHAT),
    ("Men who planned a riot were arrested. Where was the event?", QType.WHERE),
    ("What did the U.S. President say about Mr. Smith?", QType.WHAT),
])
def test_types(question: str, qtype: QType) -> None:
    assert analyse(question).qtype == qtype


def test_names_targets_and_stems() -> None:
    q = analyse("How many Turkish soldiers were killed in the Idlib airstrike?")
    assert q.target == "Turkish soldiers"
    assert "Idlib" in q.entities and "die" in q.stems and "many" not in q.stems  # killed and died: one event
    assert analyse("Toward which countries did Turkey open its borders?").entities == ["Turkey"]
    assert analyse("Where did Putin and Erdogan meet?").entities == ["Putin", "Erdogan"]
    # a possessive ends a name; "Moscow-supported" is an adjective made from one
    assert analyse("Who fought Assad's Moscow-supported forces?").entities == ["Assad", "Moscow"]
    assert analyse("Where is the Turkey-Greece border?").entities == ["Turkey-Greece"]
    assert "person" in analyse("Have people fled?").stems and "person" not in analyse("Was it personal?").stems
    assert "city" not in analyse("In which city did they meet?").stems  # the kind asked is no word to find


@pytest.mark.parametrize("question, target", [
    ("How many Syrian government soldiers did Turkey kill?", "Syrian government soldiers"),
    ("What number of Damascus's anti-aircraft systems did Turkey knock out?", "Damascus's anti aircraft systems"),
    ("Which company announced it?", "company"),
    ("How long will the visit last?", "duration"),
    ("How much did the jet cost?", "money"),
    ("Who is Erdogan meeting?", None),
    ("Nobody knows what he said. Which company announced it?", "company"),
])
def test_targets(question: str, target: str | None) -> None:
    assert analyse(question).target == target


@pytest.mark.parametrize("text, reason", [
    ("", "empty"), ("   \n\t ", "empty"), ("?!...", "no words"), ("x" * 2001, "too long"), (None, "empty"),
])
def test_bad_questions(text, reason: str) -> None:
    with pytest.raises(BadQuestion, match=reason):
        normalise_question(text)


def test_control_characters_are_removed() -> None:
    assert normalise_question("When\x00 is the\x07 summit?\n") == "When is the summit?"


def test_prepositions_are_not_what_is_asked() -> None:
    assert "along" not in analyse("What will Greek forces carry out along the frontier?").stems
    assert "toward" not in analyse("Where did the refugees head toward?").stems
