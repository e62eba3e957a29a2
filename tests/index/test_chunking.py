"""Chunks: verbatim spans, whole sentences, within both token budgets, a small overlap."""

from __future__ import annotations

import pytest

from index.chunking import Chunker
from index.config import ChunkingConfig
from index.embedding import shared_embedder
from index.loaders import load_file, parse_document
from index.textutil import count_tokens, sentence_spans
from tests.conftest import ARTICLE_1, ARTICLE_2
from tests.conftest import SHARED


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    return Chunker(ChunkingConfig(), window_counter=shared_embedder().count_wordpieces)


def _check(article, chunks, header_tokens: int = 0) -> None:
    embedder = shared_embedder()
    assert chunks, "every article has at least one chunk"
    covered = set()
    for seq, chunk in enumerate(chunks):
        assert chunk.seq == seq
        assert article.text[chunk.start:chunk.end] == chunk.text
        assert count_tokens([chunk.text])[0] <= 256
        assert embedder.count_wordpieces([chunk.text])[0] + header_tokens <= 254  # the model's window, no truncation
        covered.update(range(chunk.start, chunk.end))
    for s, e in sentence_spans(article.text):  # no sentence text is left out of every chunk
        assert {i for i in range(s, e) if not article.text[i].isspace()} <= covered


@pytest.mark.parametrize("path", [ARTICLE_1, ARTICLE_2])
def test_sample_chunks(chunker: Chunker, path) -> None:
    article = load_file(path).articles[0]
    chunks = chunker.chunk(article)
    _check(article, chunks)
    starts = {s for s, _ in sentence_spans(article.text)}
    ends = {e for _, e in sentence_spans(article.text)}
    assert all(c.start in starts and c.end in ends for c in chunks), "chunks hold whole sentences"


def test_overlap_is_small_and_present(chunker: Chunker) -> None:
    article = load_file(ARTICLE_1).articles[0]
    chunks = chunker.chunk(article)
    overlaps = [max(0, a.end - b.start) for a, b in zip(chunks, chunks[1:])]
    assert any(overlaps)
    assert all(count_tokens([article.text[b.start:a.end]])[0] <= 32 for a, b in zip(chunks, chunks[1:]) if a.end > b.start)


def test_overlong_sentences_and_runs_are_cut(chunker: Chunker) -> None:
    body = " ".join(f"clause{i}, and then" for i in range(400)) + ". " + "x" * 5000 + ". Short end."
    article = parse_document(f"Long\n\n{body}".encode(), "long.txt").articles[0]
    _check(article, chunker.chunk(article))


def test_header_budget_is_reserved(chunker: Chunker) -> None:
    article = load_file(ARTICLE_2).articles[0]
    header = shared_embedder().count_wordpieces([article.title + "\n"])[0]
    _check(article, chunker.chunk(article, header), header)


@pytest.mark.skipif(not (SHARED / "benchmarks/multihop-rag/corpus").is_dir(), reason="benchmark corpus not beside the repo")
def test_benchmark_articles_fit_the_window(chunker: Chunker) -> None:
    files = sorted((SHARED / "benchmarks/multihop-rag/corpus").glob("*.txt"))[:25]
    for path in files:
        article = load_file(path).articles[0]
        header = shared_embedder().count_wordpieces([article.title + "\n"])[0]
        _check(article, chunker.chunk(article, header), header)
