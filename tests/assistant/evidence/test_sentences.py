"""Evidence sentences: what a sentence says of the question's words."""

from __future__ import annotations

from assistant.evidence.sentences import (_governments, _particles_of_said_verbs, collect_sentences, governed_countries, nation_nouns,
                                said_of_another_nation)
from assistant.question.analyse import analyse
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
    # crossed: the question's Turkish military and Syrian army are the sentence's Turkish army and Syrian
    # military (word vectors: army, military 0.90)
    crossed = nation_nouns("What did the Turkish military call Syrian army hardware?")
    text = _sentence("The Turkish army also declared any Syrian military asset a legitimate target.")
    assert said_of_another_nation(crossed, text) == {"militari", "armi"}
    assert said_of_another_nation(crossed, text, lambda a, b: 0.9) == set()


def test_a_fragment_closest_in_meaning_does_not_speak_for_a_paraphrase() -> None:
    """"It's finished." (a quote cut at its full stop) may sit closest in meaning to any question about
    an end: with so few words of its own it is not taken as saying what is asked."""
    from assistant.readers.extractive.sentences import on_topic

    fragment, sentence = _sentence("It's finished."), _sentence("The leaders finished their long talks in Moscow.")
    for s in (fragment, sentence):
        s.semantic_rank, s.focus_coverage = 1.0, 0.2
    assert not on_topic(fragment) and on_topic(sentence)


def test_a_particle_counts_only_in_a_word_for_the_same_act() -> None:
    """"sit down" is not said by "downed" (planes); "bring down" is."""
    from types import SimpleNamespace

    from assistant.evidence.sentences import _particles_of_other_acts, sentence_stems
    from assistant.question.analyse import analyse

    text = "Ankara killed 19 Syrian troops in drone strikes on Sunday and downed two regime planes."
    sentence = SimpleNamespace(text=text, stems=sentence_stems(text))
    vectors = {("sit down", "downed"): 0.29, ("bring down", "downed"): 0.48}  # what MiniLM says
    similar = lambda a, b: vectors.get((a.lower(), b.lower()), 0.0)  # noqa: E731
    assert _particles_of_other_acts(analyse("When did Putin and Erdogan sit down in Moscow?"), sentence, similar) == {"down"}
    assert _particles_of_other_acts(analyse("How many jets did Turkey bring down?"), sentence, similar) == set()


def test_a_capital_named_as_a_government_stands_for_its_country() -> None:
    assert _governments("What is Ankara calling its offensive?") == {"ankara": {"turkey"}}
    assert _governments("Who did Erdogan meet in Moscow?") == {}  # a place, not a government
    # a capital after a preposition may be a place: only the subject counts here
    assert governed_countries("But Ankara remains determined to avoid clashes with Moscow.") == {"turkey"}


def test_a_phrasal_verb_is_said_by_its_verb() -> None:
    """"the two sat to the one-to-one" says "sit down": the particle is no word the sentence must add."""
    question = analyse("Where did the two presidents sit down face to face?")
    assert _particles_of_said_verbs(question, _sentence("As the two sat to the one-to-one in Moscow.").stems) == {"down"}
    assert _particles_of_said_verbs(question, _sentence("The two leaders are due to meet.").stems) == set()
