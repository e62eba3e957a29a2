"""Hybrid retrieval on a real index (the packaged embedder, Chroma, BM25): the chunks it keeps, and their order
by the sentences that match the question's words together."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.retrieval import hybrid
from assistant.retrieval.hybrid import HybridRetriever, window_coverage
from index.config import IndexConfig
from index.indexer import Indexer
from index.store import NewsIndex

FILLER = ["Residents queued outside the library for the morning session.",
          "Several shops on the high street closed early because of the rain.",
          "A brass band played in the square until noon.",
          "The weather service expects a dry weekend across the region.",
          "Volunteers handed out leaflets about the autumn festival."]

ARTICLES = {
    # the question's words once each, in sentences apart, in a short article: the higher chunk score
    "scattered": ["Riverside council notes", "Source: Riverside Post", "",
                  "The mayor opened the meeting.", FILLER[0], "A bridge inspection was postponed.", FILLER[1],
                  "The cleaning contract was renewed."],
    # the question's words once each, in one sentence of a longer article: the sentence that answers
    "together": ["Riverside council vote", "Source: Riverside Post", "",
                 *FILLER[:3], "On Tuesday the mayor signed the bridge contract with a Dutch builder.", FILLER[3]],
    "elsewhere": ["Harbour festival", "Source: Harbour Times", "", *FILLER, "Fireworks closed the harbour festival."],
}
QUESTION = "What of the mayor and the bridge contract?"


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> NewsIndex:
    corpus = tmp_path_factory.mktemp("corpus")
    for name, lines in ARTICLES.items():
        (corpus / f"{name}.txt").write_text("\n".join(lines) + "\n")
    news = NewsIndex(IndexConfig.resolve(tmp_path_factory.mktemp("index")))
    Indexer(news).run([corpus])
    return news


def _titles(news: NewsIndex) -> list[str]:
    return [p.title for p in HybridRetriever(news).retrieve(QUESTION, top_k=3)]


def test_the_sentence_that_says_it_comes_first(news: NewsIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    ordered = _titles(news)
    assert ordered[0] == "Riverside council vote"
    monkeypatch.setattr(hybrid, "SENTENCE_WEIGHT", 0.0)  # chunk scores alone: the scattered words win
    unordered = _titles(news)
    assert unordered[0] == "Riverside council notes"
    assert sorted(ordered) == sorted(unordered), "the sentences order the kept chunks, they choose none"


def test_other_modes_are_left_alone(news: NewsIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    lexical = [p.chunk_id for p in HybridRetriever(news, mode="lexical").retrieve(QUESTION, top_k=3)]
    monkeypatch.setattr(hybrid, "SENTENCE_WEIGHT", 0.0)
    assert [p.chunk_id for p in HybridRetriever(news, mode="lexical").retrieve(QUESTION, top_k=3)] == lexical


def test_window_coverage_counts_each_term_once_within_consecutive_sentences() -> None:
    idf = {"mayor": 1.0, "bridg": 2.0, "contract": 4.0}
    sentences = [{"mayor", "open"}, {"librari"}, {"bridg"}, {"contract", "bridg"}, {"mayor"}]
    assert window_coverage(sentences, idf, window=1) == 6.0  # "bridge contract"
    assert window_coverage(sentences, idf, window=2) == 7.0  # "bridge contract" + "mayor" after it
    assert window_coverage(sentences[:1], idf, window=2) == 1.0  # fewer sentences than the window
    assert window_coverage([], idf) == 0.0
