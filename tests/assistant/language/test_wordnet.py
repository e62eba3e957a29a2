"""WordNet nouns from the packaged database: kinds of things, for matching what a question counts."""

from __future__ import annotations

import pytest

from assistant.language.wordnet import data_dir, noun_net, sense_net


def test_the_database_ships_in_a_package() -> None:
    assert data_dir() is not None and (data_dir() / "index.noun").is_file()


@pytest.mark.parametrize("a, b, related", [
    ("jets", "planes", True), ("civilians", "people", True), ("people", "soldiers", True),
    ("refugees", "people", True), ("systems", "systems", True),
    ("civilians", "soldiers", False), ("planes", "drones", False), ("posts", "troops", False),
])
def test_kinds_of_things(a: str, b: str, related: bool) -> None:
    assert noun_net().related(a, b) is related


@pytest.mark.parametrize("a, b, kin", [
    ("gates", "doors", True), ("frontier", "borders", True), ("city", "town", True), ("meeting", "party", False),  # a social gathering: too broad
    ("population", "defence", False), ("week", "month", False),  # kinds of a broad thing (a group, a time unit)
    ("planes", "planes", False), ("civilians", "soldiers", False),
])
def test_siblings_are_kinds_of_one_narrow_thing(a: str, b: str, kin: bool) -> None:
    assert noun_net().siblings(a, b) is kin


def test_plurals_and_unknown_words() -> None:
    nouns = noun_net()
    assert nouns.lemma("planes") == "plane" and nouns.lemma("refugees") == "refugee" and nouns.lemma("people") == "person"
    assert nouns.lemma("gates") == "gate"  # not only Bill Gates: a word that names one thing is a plural first
    assert nouns.lemma("Ankara") == "ankara"
    assert nouns.lemma("xyzzies") is None and not nouns.related("xyzzies", "people")


@pytest.mark.parametrize("a, b, same", [
    ("values", "treasures", True), ("set up", "establishing", True), ("knew", "know", True),
    ("planned", "due", False), ("strike", "affect", False), ("open", "close", False),
    ("face to face", "personal", True), ("in person", "personal", True), ("face-to-face", "personal", True),
    ("serious", "safe", False),  # two satellites of one head ("good") are not synonyms of each other
    ("initial", "first", False),  # a single word keeps its own nuance
])
def test_verb_and_adjective_synonyms(a: str, b: str, same: bool) -> None:
    assert sense_net().synonyms(a, b) is same


def test_set_phrases_are_known() -> None:
    assert sense_net().knows_phrase("face to face") and sense_net().knows_phrase("in person")
    assert not sense_net().knows_phrase("the two") and not sense_net().knows_phrase("personal")


@pytest.mark.parametrize("a, b, opposed", [
    ("close", "open", True), ("shut", "opened", True), ("closed", "open", True), ("values", "treasures", False),
])
def test_opposites(a: str, b: str, opposed: bool) -> None:
    assert sense_net().opposites(a, b) is opposed


def test_parsed_nets_are_cached_on_disk(tmp_path, monkeypatch) -> None:
    """The second process reads the parsed net back (a tenth of the time); a damaged file is rebuilt."""
    from assistant.language import wordnet

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    wordnet._load.cache_clear()
    stale = tmp_path / "newsdesk" / "wordnet" / "SenseNet-0-3-1-1.marshal"  # an older format's file
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    try:
        built = wordnet.sense_net()
        files = list((tmp_path / "newsdesk" / "wordnet").glob("SenseNet-*.marshal"))
        assert len(files) == 1 and files[0] != stale  # the older file is cleared away
        wordnet._load.cache_clear()
        again = wordnet.sense_net()
        assert again is not built and again.senses == built.senses and again.synonyms("values", "treasures")
        files[0].write_bytes(b"\x00not marshal")
        wordnet._load.cache_clear()
        assert wordnet.sense_net().opposites("shut", "open")
    finally:
        wordnet._load.cache_clear()


def test_every_irregular_plural_resolves_to_a_known_lemma_or_none() -> None:
    """MultiHop's "olea" once raised a KeyError: an irregular plural of a lemma left out ("oleum")."""
    nouns = noun_net()
    for plural in nouns.exceptions:
        lemma = nouns.lemma(plural)
        assert lemma is None or lemma in nouns.senses
        nouns.synonyms(plural, "oil")  # never raises


def test_a_rarer_sense_and_capitals() -> None:
    nouns = noun_net()
    assert nouns.kind_in_some_sense("clashes", "fight")  # a skirmish, WordNet's fourth sense of "clash"
    assert not nouns.kind_in_some_sense("clashes", "talks") and not nouns.related("clashes", "fight")
    assert nouns.country_of_capital("Ankara") == "Turkish" and nouns.country_of_capital("Damascus") == "Syria"
    assert nouns.country_of_capital("Idlib") is None
