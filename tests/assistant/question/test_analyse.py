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
    assert analyse("When did Ankara acknowledge it?").stems_include_reporting  # acknowledging is saying
    assert analyse("When did Putin and Erdogan speak by phone?").stems_include_reporting
    # telling without a verb of saying; making the trip is no telling
    assert analyse("When did his office make the visit public?").stems_include_reporting
    assert analyse("When was the trip disclosed?").stems_include_reporting
    assert analyse("When did Ankara go public with the operation?").stems_include_reporting
    assert not analyse("When will Erdogan make the trip to Russia?").stems_include_reporting
    assert "person" in analyse("Have people fled?").stems and "person" not in analyse("Was it personal?").stems
    # a set phrase of four words stands for all of them: "first" is no word of its own here
    posts = analyse("Why did Turkey put observation posts in Idlib in the first place?")
    assert posts.terms["place"] == "in the first place" and "first" not in posts.stems
    assert analyse("According to Putin, why did they die?").stems_include_reporting
    assert analyse("What did Peskov add?").stems_include_reporting and not analyse("Why did they die?").stems_include_reporting
    assert analyse("What did Turkey set up in Idlib?").particles == {"up"}  # kept as a word ("downed"), not a focus


@pytest.mark.parametrize("question, target", [
    ("Who is the Russian defence minister?", "Russian defence minister"),
    ("Who is the Kremlin spokesman?", "Kremlin spokesman"),
    ("Who is Erdogan meeting?", None),  # a named subject with a progressive verb: "who" is the object
    ("Who is Recep Tayyip Erdogan meeting in Moscow?", None),
    ("Who was held responsible for the strike?", None),  # a passive verb, not a role
    ("Who is the individual alleged to have built a crypto exchange?", "individual"),  # not the clause after it
    ("Who is the president of Turkey?", "president of Turkey"),
    ("How many Turkish soldiers lost their lives in the airstrike?", "Turkish soldiers"),  # "lost" is a verb
    ("How many Syrian government soldiers did Turkey kill?", "Syrian government soldiers"),
    ("What number of Damascus's anti-aircraft systems did Turkey knock out?", "Damascus's anti aircraft systems"),
])
def test_role_questions_and_progressives(question: str, target: str | None) -> None:
    assert analyse(question).target == target


@pytest.mark.parametrize("text, reason", [
    ("", "empty"), ("   \n\t ", "empty"), ("?!...", "no words"), ("x" * 2001, "too long"), (None, "empty"),
])
def test_bad_questions(text, reason: str) -> None:
    with pytest.raises(BadQuestion, match=reason):
        normalise_question(text)


def test_control_characters_are_removed() -> None:
    assert normalise_question("When\x00 is the\x07 summit?\n") == "When is the summit?"


def test_support_verbs_are_light_only_before_their_noun() -> None:
    assert analyse("When did Putin and Erdogan hold their talks in Moscow?").light == {"hold"}
    assert analyse("What did Greek forces say they would hold along the border?").light == set()


def test_a_verb_of_thinking_frames_what_is_asked() -> None:
    assert analyse("Why did Putin think the two leaders had to talk?").light == {"think"}
    assert analyse("What did he think?").light == set()


def test_a_set_phrase_stands_for_its_last_word() -> None:
    """Meanings are looked up for "face to face" (an adverb), not for "face" (a noun)."""
    q = analyse("Why did the two leaders talk face to face?")
    assert q.terms["face"] == "face to face"


def test_a_clause_that_sets_the_scene_is_background() -> None:
    """"… since Erdogan opened the borders" says when; what is asked is in the main clause."""
    q = analyse("Where have the migrants gathered since Erdogan opened the borders?")
    assert q.background == {"erdogan", "open", "border"} and "gather" not in q.background
    assert analyse("Since when has fighting displaced civilians?").background == set()


def test_a_leading_clause_that_sets_the_scene_is_background() -> None:
    q = analyse("After Erdogan let refugees head toward Europe, where did the migrants mass?")
    assert {"let", "europ"} <= q.background and "migrant" not in q.background


def test_prepositions_are_not_what_is_asked() -> None:
    assert "along" not in analyse("What will Greek forces carry out along the frontier?").stems
    assert "toward" not in analyse("Where did the refugees head toward?").stems


def test_a_phrasal_verb_is_looked_up_whole() -> None:
    assert analyse("What did Turkey set up in Idlib?").terms["set"] == "set up"  # "establishing"
    assert analyse("How many aircraft were knocked out?").terms["knock"] == "knocked out"


def test_words_that_only_frame_what_is_asked_are_light() -> None:
    """"keen not to get into a direct fight": the fight is what is asked."""
    assert {"keen", "get"} <= analyse("Why is Ankara keen not to get into a direct fight with Moscow?").light


def test_a_short_leading_clause_sets_the_scene() -> None:
    assert "strike" in analyse("After the strike, what did the Turkish army declare?").background
