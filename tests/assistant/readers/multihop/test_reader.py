"""The multi-hop reader through the engine: each claim judged on its own source's articles, the answer combined
by logic (every claim supported, the order asked held by the publication dates), one citation per claim.

The verdicts come from a scripted model (to test the logic on each kind of verdict) and from the packaged 1.5B
model (end to end). The corpus is two short made-up reports from two sources, two days apart."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.engine import AnswerEngine
from assistant.readers.llm.backends import FairLock, Token
from assistant.readers.multihop.reader import INSUFFICIENT
from index.config import IndexConfig
from index.indexer import Indexer
from index.store import NewsIndex

ARTICLES = {
    "bridge.txt": ("Harbour bridge opens to traffic after three years of work", "2023-10-12T09:00:00+00:00",
                   "Coast Courier",
                   "The new harbour bridge in Port Elm opened to traffic on Wednesday after three years of "
                   "construction. The city council said the bridge cost 240 million dollars and will carry 40,000 "
                   "vehicles a day. Mayor Ana Ruiz cut the ribbon at a ceremony attended by several hundred "
                   "residents."),
    "ferry.txt": ("Ferry service to end as harbour bridge takes over", "2023-10-14T09:00:00+00:00", "Valley Ledger",
                  "The Port Elm ferry will stop running at the end of the month, the operator announced on Friday. "
                  "Passenger numbers fell by half in the two days since the harbour bridge opened, the operator "
                  "said. Twelve ferry workers will be offered jobs with the city's bus company."),
}
BEFORE = ("Did the Coast Courier report that the harbour bridge in Port Elm opened to traffic before the Valley "
          "Ledger reported that the Port Elm ferry will stop running at the end of the month?")


class ScriptedVerdicts:
    """A chat model whose verdicts are given: each reply is P(yes) at the verdict's place (the rest is "No")."""

    name = "scripted"
    gives_logprobs = True

    def __init__(self, *yes_probabilities: float):
        self.queue = list(yes_probabilities)
        self.lock = FairLock()
        self.claims: list[str] = []

    def warm_up(self) -> None:
        return None

    def generate(self, system: str, user: str, prefix: str = "", max_tokens: int = 48, stop_at_newline: bool = True,
                 usage: dict | None = None, alternatives: int = 0) -> Iterator[Token]:
        self.claims.append(user)
        p = self.queue.pop(0)
        top = {" Yes": math.log(p), " No": math.log(1 - p)} if alternatives else None
        yield Token(" Yes" if p >= 0.5 else " No", math.log(max(p, 1 - p)), top)


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> IndexConfig:
    root = tmp_path_factory.mktemp("two-sources")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, (title, published, source, body) in ARTICLES.items():
        (corpus / name).write_text(f"{title}\nPublished: {published}\nSource: {source}\nURL: https://example.org/"
                                   f"{name}\n\n{body}\n", encoding="utf-8")
    config = IndexConfig.resolve(root / "index")
    news = NewsIndex(config)
    Indexer(news).run([corpus])
    news.close()
    return config


def _ask(config: IndexConfig, model, question: str):
    engine = AnswerEngine(config, llm=model)
    try:
        return engine.answer(question)
    finally:
        engine.news.close()


def _check_verbatim(config: IndexConfig, answer) -> None:
    news = NewsIndex(config)
    try:
        for c in answer.citations:
            assert news.docstore.article(c.doc_id).text[c.start:c.end] == c.quote
    finally:
        news.close()


def test_both_claims_supported_in_the_order_asked_is_yes_with_a_citation_per_claim(config) -> None:
    model = ScriptedVerdicts(0.9, 0.8)
    answer = _ask(config, model, BEFORE)
    assert answer.reader == "multihop" and answer.short == "Yes" and not answer.abstained
    assert [c.source for c in answer.citations] == ["Coast Courier", "Valley Ledger"]
    assert "Coast Courier (Thursday 12 October 2023) [1] says" in answer.text
    assert "Valley Ledger (Saturday 14 October 2023) [2] says" in answer.text
    assert "the first report came before the second" in answer.text
    assert "harbour bridge" in model.claims[0] and "ferry" in model.claims[1]  # each claim on its own
    _check_verbatim(config, answer)


def test_an_order_the_dates_contradict_is_no(config) -> None:
    answer = _ask(config, ScriptedVerdicts(0.9, 0.8), BEFORE.replace(" before the ", " after the "))
    assert answer.short == "No" and "the first report came before the second" in answer.text


def test_a_claim_below_the_yes_threshold_is_not_supported(config) -> None:
    answer = _ask(config, ScriptedVerdicts(0.9, 0.55), BEFORE)  # the word is "Yes", its share 0.55 < 0.6
    assert answer.short == "No" and "Valley Ledger (Saturday 14 October 2023) [2] does not say" in answer.text


def test_a_claim_with_no_article_on_its_day_is_insufficient_information(config) -> None:
    answer = _ask(config, ScriptedVerdicts(0.9),
                  "Did the Coast Courier report on October 1, 2023 that the harbour bridge in Port Elm opened to "
                  "traffic?")
    assert answer.reader == "multihop" and answer.abstained and answer.text == INSUFFICIENT
    assert not answer.citations


def test_the_packaged_model_checks_each_claim(config, llm_engine) -> None:
    model = llm_engine.llm_reader.model  # the session's 1.5B model, loaded once
    supported = _ask(config, model, BEFORE)
    assert supported.reader == "multihop" and supported.short == "Yes" and len(supported.citations) == 2
    _check_verbatim(config, supported)
    unsupported = _ask(config, model, "Did the Valley Ledger report that the Port Elm ferry will keep running "
                                      "for another ten years?")
    assert unsupported.reader == "multihop" and unsupported.short == "No"
