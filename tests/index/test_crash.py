"""kill -9 at random points of `newsdesk index`: the next run completes, nothing is duplicated or half-visible."""

from __future__ import annotations

import json
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


def assert_consistent(index_dir: Path) -> tuple[int, int]:
    """What a query can see: every ready article has all its chunks in Chroma, once.
    Returns (ready articles, articles left half-written by the interrupted run)."""
    news = NewsIndex(IndexConfig.resolve(index_dir))  # opened afresh, as the next process would
    ready = news.docstore.ready_ids()
    got = news.vectors.collection.get(include=["metadatas"])
    ids = got["ids"]
    assert len(ids) == len(set(ids)), "no chunk is stored twice"
    per_doc = Counter(m["doc_id"] for m in got["metadatas"])
    for info in news.docstore.ready_articles():
        assert per_doc[info.doc_id] == info.n_chunks, f"{info.title} is only partly in Chroma"
    hits = news.bm25().chunk_ids
    assert {h.rsplit(':', 1)[0] for h in hits} <= ready, "BM25 serves only ready articles"
    from assistant.retrieval.hybrid import HybridRetriever

    for passage in HybridRetriever(news).retrieve("summit talks leaders border", top_k=10):
        assert passage.doc_id in ready, "queries see only complete articles"
    leftovers = len(news.docstore.ids_in_state("pending")) + len(news.docstore.ids_in_state("retired"))
    news.close()  # and give the store back to the next indexer
    return len(ready), leftovers


def check_in_fresh_process(index_dir: Path) -> tuple[int, int]:
    """Run :func:`assert_consistent` as the next process to open the index would."""
    code = ("import sys, json; from tests.index.test_crash import assert_consistent; "
            "print(json.dumps(assert_consistent(__import__('pathlib').Path(sys.argv[1]))))")
    done = subprocess.run([sys.executable, "-c", code, str(index_dir)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    ready, leftovers = json.loads(done.stdout.strip().splitlines()[-1])
    return ready, leftovers


@pytest.mark.timeout(900)
def test_kill_minus_nine_twenty_times(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 40)
    index_dir = tmp_path / "index"
    rng = random.Random(int(os.environ.get("NEWSDESK_CRASH_SEED", "1")))
    command = [sys.executable, "-m", "assistant.cli", "index", str(corpus), "--index-dir", str(index_dir), "--quiet"]
    started = time.monotonic()  # an uninterrupted run first, to time a round on this machine
    assert run_cli("index", str(corpus), "--index-dir", str(index_dir), "--quiet").returncode == 0
    full = time.monotonic() - started
    kills, interrupted = 0, 0
    for round_ in range(20):
        for path in rng.sample(sorted(corpus.glob("*.txt")), 40):  # new work every round: every article changed
            path.write_text(path.read_text() + f"Update {round_}: officials said talks would go on.\n")
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.3, 0.9) * full)  # every article changed: a round is as long as the first run
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=60)
        if index_dir.joinpath("newsdesk.sqlite3").exists():
            ready, leftovers = assert_consistent(index_dir)
            assert ready <= 40
            interrupted += leftovers > 0
    assert kills >= 15, "the runs were meant to be interrupted"
    assert interrupted >= 5, "some kills must land while articles are half-written"
    final = run_cli("index", str(corpus), "--index-dir", str(index_dir), "--prune", "--json")
    assert final.returncode == 0, final.stderr
    assert check_in_fresh_process(index_dir) == (40, 0)
    again = run_cli("index", str(corpus), "--index-dir", str(index_dir))
    assert "0 added, 0 updated, 40 unchanged" in again.stdout
