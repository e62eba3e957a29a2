"""The lexical index's analysis: the fast per-text terms are the tokens that BM25 indexes."""

from __future__ import annotations

from index.bm25 import BM25Index, terms, tokenize

TEXTS = ["The FTX trial is bigger than Sam Bankman-Fried’s 2023 defence, prosecutors said.",
         "Running runners ran: it's the U.S. Open's 3rd round!", "", "the and of"]


def test_terms_are_the_distinct_tokens_of_tokenize() -> None:
    for text, tokens in zip(TEXTS, tokenize(TEXTS)):
        assert terms(text) == set(tokens) - {""}


def test_token_idf_agrees_with_word_idf() -> None:
    texts = ["the mayor signed the bridge contract", "the bridge was painted", "a festival in the harbour"]
    index = BM25Index.build(["a:0", "b:0", "c:0"], texts, generation=1)
    by_word = index.idf(["bridges", "mayor", "zeppelin"])
    by_token = index.token_idf(["bridg", "mayor", "zeppelin"])
    assert list(by_word.values()) == list(by_token.values())
    assert by_token["mayor"] > by_token["bridg"]  # rarer is higher
