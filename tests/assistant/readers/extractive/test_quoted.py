"""Who speaks a quotation the article attributes only where it closes, or only as "he"."""

from __future__ import annotations

from assistant.language.entities import EntityTagger
from assistant.evidence.sentences import Sentence
from assistant.readers.extractive.quoted import quotation_speaker

TEXT = [
    'Russia attaches "great importance to cooperation", Kremlin spokesman Dmitry Peskov said on Monday.',
    '"Our militaries are in constant contact.',
    'The main thing is that we now focus on negotiations," he said.',
    '"The doors are now open," Erdogan said.',
    '"We will see.',
    'It is done," the minister added.',
]


def _sentences() -> list[Sentence]:
    found, start = [], 0
    for text in TEXT:
        found.append(Sentence("d", start, start + len(text), text, None, 0))  # type: ignore[arg-type]
        start += len(text) + 1
    return found


def test_a_quotation_run_on_is_said_by_whoever_he_is() -> None:
    sentences, tag = _sentences(), EntityTagger().tag
    contact, main_thing = sentences[1], sentences[2]
    assert quotation_speaker(contact, sentences, tag) == ("Dmitry Peskov", sentences[0])  # closes next, "he"
    assert quotation_speaker(main_thing, sentences, tag) == ("Dmitry Peskov", sentences[0])  # "he said" in it
    assert quotation_speaker(sentences[4], sentences, tag) == ("the minister", sentences[5])  # named where it closes


def test_a_speaker_named_in_the_sentence_or_no_quotation_is_left_to_the_sentence() -> None:
    sentences, tag = _sentences(), EntityTagger().tag
    assert quotation_speaker(sentences[3], sentences, tag) is None  # "Erdogan said" in it
    assert quotation_speaker(sentences[0], sentences, tag) is None
