"""Number answers: the counted noun matched by kind, its modifiers said."""

from __future__ import annotations

from assistant.readers.extractive.numbers import _noun_match, counting_verbs
from assistant.question.analyse import analyse


def test_counted_nouns_match_by_kind_not_by_closeness() -> None:
    """"How many regime jets …" is answered by "two regime planes"; "how many civilians …" is not by
    "30 Turkish soldiers", though the word vectors of civilians and soldiers are close."""
    close = lambda a, b: 0.64  # noqa: E731 — what MiniLM says of civilians/soldiers
    assert _noun_match(["Syrian", "regime", "jets"], ["regime", "planes"], close, {"syria", "regim", "plane"}) == 0.8
    assert _noun_match(["civilians"], ["Turkish", "soldiers"], close) == 0.0
    assert _noun_match(["Russian", "soldiers"], ["Turkish", "troops"], close) == 0.0
    assert _noun_match(["people"], ["civilians"], None) == 0.8
    # a modifier said by a WordNet synonym in the sentence ("regime" for "government"), not left out
    assert _noun_match(["government", "soldiers"], ["Syrian", "soldiers"], close, set(), ["soldiers", "regime"]) == 1.0
    assert _noun_match(["government", "soldiers"], ["Syrian", "soldiers"], close, set(), ["soldiers", "planes"]) == 0.0


def test_modifiers_no_word_says_may_mean_what_the_phrase_s_own_do() -> None:
    """"anti-aircraft systems" are "air defence systems": the modifiers taken together, by word vectors."""
    alike = lambda a, b: 0.61 if {a, b} == {"anti aircraft", "air defence"} else 0.3  # noqa: E731 — MiniLM's figures
    counted = ["Damascus'", "air", "defence", "systems"]
    assert _noun_match(["anti", "aircraft", "systems"], counted, alike, {"damascus"}) == 0.8
    assert _noun_match(["naval", "systems"], counted, alike, {"damascus"}) == 0.0
    assert _noun_match(["anti", "aircraft", "systems"], counted, None, {"damascus"}) == 0.0  # no vectors: no match


def test_a_count_of_another_nation_is_not_the_one_asked() -> None:
    assert _noun_match(["Turkish", "soldiers"], ["Syrian", "troops"], None, {"turkey"}) == 0.0
    assert _noun_match(["Turkish", "soldiers"], ["Turkish", "troops"], None) == 0.8  # troops: soldiers together


def test_names_and_scene_setting_say_nothing_of_what_happened_to_the_counted() -> None:
    """"sent … after the airstrike": the 34 who died in it were not sent; "idlib" (a name, even written
    lower-case) is where, not what happened."""
    q = analyse("how many turkish soldiers were sent to idlib after the air strike?")
    assert "strike" in q.background and "send" in counting_verbs(q)


def test_the_dead_are_no_count_of_the_wounded() -> None:
    """"How many soldiers were wounded in the airstrike that killed 34?": the 34 died; "killed" only says
    which airstrike."""
    from types import SimpleNamespace

    from assistant.evidence.sentences import sentence_stems
    from assistant.readers.extractive.numbers import casualty_kinds, counted_acts, number_candidates

    q = analyse("How many Turkish soldiers were wounded in the Idlib airstrike that killed 34?")
    assert counted_acts(q, counting_verbs(q)) == {"wound"} and casualty_kinds({"wound"}) == {"wounded"}
    text = "Putin offered condolences over the deaths of 34 Turkish troops in an Idlib airstrike."
    sentence = SimpleNamespace(text=text, stems=sentence_stems(text), score=1.0, published=None,
                               content_words=text.rstrip(".").split(), doc_id="a", start=0, end=len(text))
    assert number_candidates(q, sentence) == []  # type: ignore[arg-type]
    dead = number_candidates(analyse("How many Turkish soldiers died in the Idlib airstrike?"), sentence)  # type: ignore[arg-type]
    assert [c.key for c in dead] == ["34"]


def test_nouns_counted_with_the_target_say_no_act() -> None:
    """"migrants" in "how many refugees and migrants made it across" is counted too: what happened to them
    is "made it across", which "have gathered on the Turkish side" does not say."""
    assert "migrant" not in counting_verbs(analyse("How many refugees and migrants made it across into Greece?"))
    assert "gather" in counting_verbs(analyse("How many refugees and migrants have gathered at the border?"))


def test_a_compound_asked_is_counted_by_its_head() -> None:
    """A warplane is a plane: "how many warplanes" is answered by "two regime planes", not the other way."""
    assert _noun_match(["warplanes"], ["regime", "planes"], None) == 0.8
    assert _noun_match(["planes"], ["warplanes"], None) == 0.0


def test_a_modifier_may_be_a_kind_of_the_counted_phrase_s_own() -> None:
    """"monitoring" is a kind of "observation" in WordNet: monitoring outposts are observation posts."""
    assert _noun_match(["monitoring", "outposts"], ["military", "observation", "posts"], None) == 0.8
    assert _noun_match(["civilian", "outposts"], ["military", "observation", "posts"], None) == 0.0
