"""kill -9 at random points of `newsdesk index`: the next run completes, nothing is duplicated or half-visible."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from index.config import IndexConfig
from index.store import NewsIndex
from tests.conftest import ROOT, run_cli

WORDS = ("summit talks leaders border refugees troops ceasefire province minister statement officials city "
         "agreement crisis meeting visit region forces capital negotiation report week plan government").split()


def make_corpus(folder: Path, articles: int, seed: int = 7) -> Path:
    """Synthetic articles of a few chunks each (no network, no benchmark data needed)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(articles):
        paragraphs = []
        for _ in range(6):
            sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 24))).capitalize() + "."
                         for _ in range(rng.randint(3, 5))]
            paragraphs.append(" ".join(sentences))
        (folder / f"story-{i:03d}.txt").write_text(f"Story number {i}\nPublished: 2020-03-0{1 + i % 9}\n\n"
                                                    + "\n\n".join(paragraphs) + "\n")
    return folder


def assert_consistent(index_dir: Path) -> int:
    """What a query can see: every ready article has all its chunks in Chroma, once; returns their count."""
    news = NewsIndex(IndexConfig.resolve(index_dir))
    ready = news.docstore.ready_ids()
    got = news.vectors.collection.get(include=["metadatas"])
    ids = got["ids"]
    assert len(ids) == len(set(ids)), "no chunk is stored twice"
    per_doc = Counter(m["doc_id"] for m in got["metadatas"])
    for info in news.docstore.ready_articles():
        assert per_doc[info.doc_id] == info.n_chunks, f"{info.title} is only partly in Chroma"
    hits = news.bm25().chunk_ids
    assert {h.rsplit(':', 1)[0] for h in hits} <= ready, "BM25 serves only ready articles"
    news.docstore.close()
    return len(ready)


@pytest.mark.timeout(900)
def test_kill_minus_nine_twenty_times(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 40)
    index_dir = tmp_path / "index"
    rng = random.Random(int(os.environ.get("NEWSDESK_CRASH_SEED", "1")))
    command = [sys.executable, "-m", "assistant.cli", "index", str(corpus), "--index-dir", str(index_dir), "--quiet"]
    kills, seen = 0, []
    for _ in range(20):
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(1.5, 5.0))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=60)
        if index_dir.joinpath("newsdesk.sqlite3").exists():
            seen.append(assert_consistent(index_dir))
    assert kills >= 15, "the runs were meant to be interrupted"
    assert sum(1 for n in seen if 0 < n < 40) >= 3, f"some kills must land mid-run: {seen}"
    final = run_cli("index", str(corpus), "--index-dir", str(index_dir), "--json")
    assert final.returncode == 0, final.stderr
    assert assert_consistent(index_dir) == 40
    again = run_cli("index", str(corpus), "--index-dir", str(index_dir))
    assert "0 added, 0 updated, 40 unchanged" in again.stdout
