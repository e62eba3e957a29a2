"""Incremental, idempotent indexing with a real Chroma and the real model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index.config import IndexConfig
from index.indexer import Indexer
from index.lock import IndexBusy, WriterLock
from index.store import NewsIndex
from tests.conftest import ARTICLE_1, ARTICLE_2, run_cli


def _index(tmp_path: Path) -> NewsIndex:
    return NewsIndex(IndexConfig.resolve(tmp_path / "index"))


def _chroma_doc_ids(news: NewsIndex) -> list[str]:
    metadatas = news.vectors.collection.get(include=["metadatas"])["metadatas"]
    return sorted(m["doc_id"] for m in metadatas)


def test_first_run_then_nothing_to_do(tmp_path: Path, corpus_copy: Path) -> None:
    news = _index(tmp_path)
    first = Indexer(news).run([corpus_copy])
    assert (first.added, first.updated, first.unchanged) == (2, 0, 0)
    assert first.chunks_embedded == first.chunks_total > 0
    second = Indexer(news).run([corpus_copy])
    assert (second.added, second.updated, second.unchanged, second.chunks_embedded) == (0, 0, 2, 0)
    assert news.vectors.count() == first.chunks_total
    touched = corpus_copy / ARTICLE_1.name
    touched.write_bytes(touched.read_bytes())  # new mtime, same bytes
    third = Indexer(news).run([corpus_copy])
    assert third.chunks_embedded == 0 and third.unchanged == 2


def test_every_chunk_carries_article_metadata(tmp_path: Path, corpus_copy: Path) -> None:
    news = _index(tmp_path)
    Indexer(news).run([corpus_copy])
    got = news.vectors.collection.get(include=["metadatas"])
    chunks = news.docstore.chunks_by_id(got["ids"])
    assert len(chunks) == len(got["ids"])
    for chunk_id, meta in zip(got["ids"], got["metadatas"]):
        article = news.docstore.article(meta["doc_id"])
        assert meta["title"] == article.title
        assert meta["published"] == article.published_iso
        assert article.text[meta["start"]:meta["end"]] == chunks[chunk_id].text


def test_changed_article_replaces_its_chunks(tmp_path: Path, corpus_copy: Path) -> None:
    news = _index(tmp_path)
    Indexer(news).run([corpus_copy])
    old = news.docstore.file_records()[str((corpus_copy / ARTICLE_2.name).resolve())].doc_ids
    path = corpus_copy / ARTICLE_2.name
    path.write_text(path.read_text() + "\nThe talks lasted six hours, officials said afterwards.\n")
    report = Indexer(news).run([corpus_copy])
    assert (report.updated, report.unchanged, report.removed) == (1, 1, 0)
    ids = set(_chroma_doc_ids(news))
    assert not ids & old, "the old version's vectors are gone"
    assert len(ids) == 2 and news.docstore.ready_ids() == ids
    assert any("six hours" in news.docstore.article(d).text for d in ids)


def test_prune_removes_articles_whose_files_are_gone(tmp_path: Path, corpus_copy: Path) -> None:
    news = _index(tmp_path)
    Indexer(news).run([corpus_copy])
    (corpus_copy / ARTICLE_1.name).unlink()
    kept = Indexer(news).run([corpus_copy])
    assert kept.articles_total == 2, "without --prune nothing is removed"
    pruned = Indexer(news).run([corpus_copy], prune=True)
    assert pruned.removed == 1 and pruned.articles_total == 1
    assert len(set(_chroma_doc_ids(news))) == 1


def test_the_same_article_twice_is_indexed_once(tmp_path: Path, corpus_copy: Path) -> None:
    shutil.copy(corpus_copy / ARTICLE_1.name, corpus_copy / "copy-of-article.txt")
    news = _index(tmp_path)
    report = Indexer(news).run([corpus_copy])
    assert report.articles_total == 2 and report.added == 2
    (skipped,) = report.skipped
    assert skipped.reason.startswith("duplicate of ") and skipped.reason.endswith(".txt")
    assert len(_chroma_doc_ids(news)) == report.chunks_total
    (corpus_copy / ARTICLE_1.name).unlink()
    after = Indexer(news).run([corpus_copy], prune=True)
    assert after.articles_total == 2, "the copy still holds the article"


def test_bad_files_are_skipped_and_the_run_goes_on(tmp_path: Path, corpus_copy: Path) -> None:
    (corpus_copy / "empty.txt").write_bytes(b"")
    (corpus_copy / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (corpus_copy / "notes.docx").write_bytes(b"PK\x03\x04")
    report = Indexer(_index(tmp_path)).run([corpus_copy])
    assert report.added == 2
    reasons = {Path(s.origin).name: s.reason for s in report.skipped}
    assert reasons == {"empty.txt": "empty file", "image.txt": "binary file (a PNG image)",
                       "notes.docx": "unsupported file type"}


def test_bm25_follows_the_ready_articles(tmp_path: Path, corpus_copy: Path) -> None:
    news = _index(tmp_path)
    Indexer(news).run([corpus_copy])
    bm25 = news.bm25()
    assert sorted(bm25.chunk_ids) == sorted(c.chunk_id for c, _, _ in news.docstore.ready_chunks())
    scores = bm25.scores("Peskov Kremlin spokesman")
    best = bm25.chunk_ids[int(scores.argmax())]
    assert "Peskov" in news.docstore.chunks_by_id([best])[best].text


def test_writer_lock_refuses_a_second_indexer(tmp_path: Path, corpus_copy: Path) -> None:
    news = _index(tmp_path)
    with WriterLock(news.config.index_dir):
        with pytest.raises(IndexBusy, match="another indexer"):
            Indexer(news).run([corpus_copy])


def test_cli_index_and_stats(tmp_path: Path, corpus_copy: Path) -> None:
    index_dir = tmp_path / "cli-index"
    done = run_cli("index", str(corpus_copy), "--index-dir", str(index_dir), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["added"] == 2 and report["chunks_total"] > 0
    again = run_cli("index", str(corpus_copy), "--index-dir", str(index_dir))
    assert "0 added, 0 updated, 2 unchanged" in again.stdout
    stats = run_cli("stats", "--index-dir", str(index_dir), "--json")
    data = json.loads(stats.stdout)
    assert data["articles"] == 2
    assert {a["title"][:15] for a in data["articles_list"]} == {"Erdogan to meet", "Acute crisis in"}
    missing = run_cli("stats", "--index-dir", str(tmp_path / "nothing-here"))
    assert missing.returncode == 1 and "no index" in missing.stderr


def test_cli_indexes_the_bundled_corpus_by_default(tmp_path: Path) -> None:
    done = run_cli("index", "--index-dir", str(tmp_path / "default"))
    assert done.returncode == 0 and "2 added" in done.stdout
