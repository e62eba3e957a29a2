"""Weighing who-answers: the tagger's labels made consistent, places kept out."""

from __future__ import annotations

from assistant.language.entities import Entity
from assistant.readers.extractive.people import consistent_labels, mostly_places


def test_a_place_is_not_a_who_answer() -> None:
    """A name the tagger mostly labels as a place ("Idlib airstrike" read as an organisation once) does
    not answer a who-question."""
    tagged = [[Entity(0, 5, "GPE", "Idlib")], [Entity(10, 15, "GPE", "Idlib ")], [Entity(3, 8, "ORG", "Idlib")],
              [Entity(0, 5, "PERSON", "Assad"), Entity(9, 15, "GPE", "Moscow")]]
    assert mostly_places(tagged) == {"idlib", "moscow"}


def test_a_person_called_a_product_once_is_a_person() -> None:
    tagged = [[Entity(0, 20, "PRODUCT", "Recep Tayyip Erdogan")], [Entity(0, 7, "PERSON", "Erdogan")],
              [Entity(0, 6, "PRODUCT", "iPhone")]]
    fixed = consistent_labels(tagged)
    assert fixed[0][0].label == "PERSON" and fixed[2][0].label == "PRODUCT"


def test_a_capital_speaking_for_its_government_answers_who_says() -> None:
    from types import SimpleNamespace

    from assistant.question.analyse import analyse
    from assistant.readers.extractive.people import speaker_candidates

    text = "Moscow accused Turkey of failing to act on its promise to clear the zone."
    sentence = SimpleNamespace(text=text, score=1.0, stems={"accus", "turkey", "promis"})
    moscow = Entity(0, 6, "GPE", "Moscow")
    found = speaker_candidates(analyse("Who says Turkey broke its promise?"), sentence, [moscow, Entity(16, 22, "GPE", "Turkey")])
    assert [c.display for c in found] == ["Moscow"]  # the one accusing, not the one accused
    assert speaker_candidates(analyse("Who attacked Turkey?"), sentence, [moscow]) == []  # not a "who says"


def test_a_description_is_given_as_its_article_names_it_in_full() -> None:
    from types import SimpleNamespace

    from assistant.readers.extractive.spans import Candidate
    from assistant.readers.extractive.people import fuller_description

    said = [SimpleNamespace(doc_id="a", text=t) for t in (
        "The Moscow-backed Syrian regime killed more than 30 Turkish soldiers.",
        "The regime denied it.", "An airstrike blamed on the regime last week.")]
    regime = Candidate("regime", "regime", said[2], 24, 30, 1.0)  # type: ignore[arg-type]
    assert fuller_description(regime, said) == "Syrian regime"  # type: ignore[arg-type]
    police = Candidate("greek border police", "Greek border police", said[2], 0, 5, 1.0)  # type: ignore[arg-type]
    assert fuller_description(police, said) == "Greek border police"  # type: ignore[arg-type]


def test_who_spoke_is_answered_by_the_one_speaking_not_one_only_mentioned() -> None:
    from types import SimpleNamespace

    from assistant.readers.extractive.spans import Candidate
    from assistant.question.analyse import analyse
    from assistant.readers.extractive.people import weigh_who_candidates

    spoke = SimpleNamespace(text="Kremlin spokesman Dmitry Peskov said on Monday that the talks matter.",
                            score=0.5, stems={"kremlin", "spokesman", "said"})
    mentioned = SimpleNamespace(text="Erdogan will visit Russia for a summit with his counterpart Vladimir Putin.",
                                score=0.5, stems={"summit", "visit"})
    peskov = Candidate("dmitry peskov", "Dmitry Peskov", spoke, 18, 31, 0.5)
    putin = Candidate("vladimir putin", "Vladimir Putin", mentioned, 60, 74, 0.5)
    weigh_who_candidates(analyse("Who spoke for the Kremlin about the summit?"), [peskov, putin], [[], []], {"PERSON"}, None)
    assert peskov.score > putin.score
    peskov.score = putin.score = 0.5  # a who-question that asks no speaker leaves them as they were
    weigh_who_candidates(analyse("Who will attend the summit?"), [peskov, putin], [[], []], {"PERSON"}, None)
    assert peskov.score == putin.score


def test_an_office_is_answered_only_by_one_named_as_its_holder() -> None:
    from types import SimpleNamespace

    from assistant.readers.extractive.spans import Candidate
    from assistant.question.analyse import analyse
    from assistant.readers.extractive.people import is_office, weigh_who_candidates

    assert is_office("minister") and is_office("spokesman") and not is_office("artist") and not is_office("individual")
    drones = SimpleNamespace(text="Turkish drones have led a fierce assault on forces loyal to Bashar al-Assad.",
                             score=0.5, stems={"turkish", "drone", "assault", "forc", "loyal"})
    assad = Candidate("bashar al-assad", "Bashar al-Assad", drones, 60, 75, 0.5)
    weigh_who_candidates(analyse("Who is Turkey's defence minister who announced the drone strikes?"), [assad],
                         [[]], {"PERSON"}, None)
    assert assad.score < 0.1  # near the drone strikes, never called the minister
    assert analyse("Who was the airstrike attributed to?").asks_holder is False  # "who" is the object of "to"
    assert analyse("Which Greek minister said the army would hold drills?").asks_holder  # the role leads
    assert analyse("What did the minister say?").asks_holder is False


def test_the_source_of_a_report_is_who_told_it_not_who_did_it() -> None:
    from types import SimpleNamespace

    from assistant.readers.extractive.spans import Candidate
    from assistant.question.analyse import analyse
    from assistant.readers.extractive.people import asks_source, weigh_who_candidates

    assert asks_source(analyse("who's the source for the refugee shooting at the greek frontier"))
    assert asks_source(analyse("Who reported that a Syrian refugee was shot?"))
    assert asks_source(analyse("Whose report says a refugee was shot at the Greek border?"))
    assert not asks_source(analyse("Who shot the Syrian refugee?"))
    # giving the figures is reporting them
    assert asks_source(analyse("Which body supplied the tally of Syrian soldiers killed?"))
    assert asks_source(analyse("Who gave the death toll?"))
    assert not asks_source(analyse("Who gave Turkey more assistance?"))
    text = ("One Syrian refugee was shot dead on Monday by Greek border police, "
            "BBC World Service reporter Mughira Al Sharif said.")
    told = SimpleNamespace(text=text, score=0.8, stems={"refuge", "shot", "border", "polic", "report", "said"})
    bbc = Candidate("bbc world service", "BBC World Service", told, 67, 84, 0.5)  # type: ignore[arg-type]
    sharif = Candidate("mughira al sharif", "Mughira Al Sharif", told, 94, 111, 0.5)  # type: ignore[arg-type]
    weigh_who_candidates(analyse("who was the source for the report that greek police shot a syrian dead"),
                         [bbc, sharif], [[], []], {"PERSON"}, None)
    assert sharif.score > bbc.score  # "BBC World Service" only says whose reporter he is


def test_a_nationality_speaking_is_named_by_its_role_and_must_be_the_one_asked() -> None:
    from assistant.language.entities import Entity
    from assistant.evidence.sentences import Sentence
    from assistant.question.analyse import analyse
    from assistant.readers.extractive.people import speaker_candidates

    text = "Ankara killed 19 Syrian troops in drone strikes, the Turkish defence ministry said."
    sentence = Sentence("d", 0, len(text), text, None, 0, score=0.8)  # type: ignore[arg-type]
    turkish = [Entity(text.index("Turkish"), text.index("Turkish") + 7, "NORP", "Turkish")]

    def speakers_for(question: str) -> list[str]:
        return [c.display for c in speaker_candidates(analyse(question), sentence, turkish)]

    # "which ministry reported …" asks who reported, as "who reported …" does; the role may have a modifier
    assert speakers_for("Which ministry reported the drone strikes?") == ["the Turkish defence ministry"]
    assert speakers_for("Who reported the drone strikes?") == ["the Turkish defence ministry"]
    assert speakers_for("Which Greek official reported the drone strikes?") == []  # Turkish, not Greek
    assert speakers_for("Which Turkish official reported the drone strikes?") == []  # a ministry is no official
    greek = "Greek forces said they would hold live fire exercises."
    forces = Sentence("d", 0, len(greek), greek, None, 0, score=0.8)  # type: ignore[arg-type]
    assert speaker_candidates(analyse("Which official said they would hold live fire exercises?"), forces,
                              [Entity(0, 5, "NORP", "Greek")]) == []  # forces are no official
