"""Bad corpus input: every kind is indexed or skipped with a clear reason, and nothing else is lost."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index.config import IndexConfig
from index.docstore import CorruptIndex, DocStore
from index.indexer import Indexer
from index.store import NewsIndex
from tests.conftest import ARTICLE_1, SAMPLE_FILES, run_cli


@pytest.fixture()
def messy(tmp_path: Path) -> Path:
    folder = tmp_path / "messy"
    folder.mkdir()
    for path in SAMPLE_FILES:
        shutil.copy(path, folder / path.name)
    shutil.copy(ARTICLE_1, folder / "same-story-other-name.txt")  # a duplicate
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "invalid-utf8.txt").write_bytes(b"\xc3\x28" + bytes(range(128, 256)) * 30)
    (folder / "latin1.txt").write_bytes("Grève à Marseille\n\nLes dockers de Marseille ont cessé le travail lundi, "
                                        "a annoncé le syndicat.".encode("latin-1"))
    (folder / "utf16.txt").write_bytes("Talks in Geneva\n\nDiplomats met in Geneva on Tuesday to discuss "
                                       "a ceasefire, the UN said.".encode("utf-16"))
    (folder / "empty.md").write_bytes(b"")
    (folder / "page.html").write_text("<html><head><title>Port reopens</title><script>alert('x')</script></head>"
                                      "<body><article><h1>Port reopens</h1><p>The port of Piraeus reopened on Wednesday "
                                      "after a strike that lasted three days, the ministry said in a statement to "
                                      "reporters.</p><script>document.write('evil')</script></article></body></html>")
    (folder / "records.jsonl").write_text("\n".join([
        json.dumps({"title": "Ferry strike ends", "body": "The ferry strike ended on Monday, unions said.",
                    "published": "2020-03-02", "source": "Harbour News"}),
        json.dumps({"title": "No text at all"}),
        json.dumps({"text": "A record without a title still counts as an article."}),
        "not json at all"]))
    (folder / "huge.txt").write_bytes(b"Huge\n\n" + b"All work and no play makes a dull story. " * 1_300_000)
    return folder


def test_messy_folder(tmp_path: Path, messy: Path) -> None:
    assert (messy / "huge.txt").stat().st_size > 50_000_000
    news = NewsIndex(IndexConfig.resolve(tmp_path / "index"))
    report = Indexer(news).run([messy])
    reasons = {Path(s.origin.split("#")[0]).name + ("#" + s.origin.split("#")[1] if "#" in s.origin else ""): s.reason
               for s in report.skipped}
    assert reasons["same-story-other-name.txt"].startswith("duplicate of ")
    assert reasons["binary.txt"].startswith("binary file")
    assert reasons["invalid-utf8.txt"].startswith(("binary file", "not UTF-8"))
    assert reasons["empty.md"] == "empty file"
    assert reasons["huge.txt"].startswith("too large (53.3 MB; the limit is 20 MB")
    assert any(k.startswith("records.jsonl") and "no body" in v for k, v in reasons.items())
    assert any(k.startswith("records.jsonl") and "invalid JSON" in v for k, v in reasons.items())
    titles = {a.title for a in news.docstore.ready_articles()}
    assert titles >= {"Grève à Marseille", "Talks in Geneva", "Port reopens", "Ferry strike ends",
                      "A record without a title still counts as an article."}
    assert len(titles) == 2 + 5, "the two samples and five good items, each once"
    page = next(a for a in news.docstore.ready_articles() if a.title == "Port reopens")
    assert "alert" not in news.docstore.article(page.doc_id).text and "evil" not in news.docstore.article(page.doc_id).text


def test_cli_warns_per_file_and_succeeds(tmp_path: Path, messy: Path) -> None:
    (messy / "huge.txt").unlink()
    done = run_cli("index", str(messy), "--index-dir", str(tmp_path / "index"))
    assert done.returncode == 0, done.stderr
    assert "warning: skipped" in done.stderr and "binary.txt: binary file" in done.stderr
    assert "7 added" in done.stdout


def test_corrupted_index_gives_a_clear_message(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    assert run_cli("index", "--index-dir", str(index_dir)).returncode == 0
    (index_dir / "newsdesk.sqlite3").write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        (index_dir / f"newsdesk.sqlite3{suffix}").unlink(missing_ok=True)
    with pytest.raises(CorruptIndex, match="unreadable"):
        DocStore(index_dir / "newsdesk.sqlite3")
    for args in (["index"], ["ask", "When is the summit?"], ["stats"]):
        done = run_cli(*args, "--index-dir", str(index_dir))
        assert done.returncode == 1 and "unreadable" in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_two_indexers_one_refuses(tmp_path: Path, messy: Path) -> None:
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    (messy / "huge.txt").unlink()
    index_dir = tmp_path / "index"
    first = subprocess.Popen([sys.executable, "-m", "assistant.cli", "index", str(messy), "--index-dir", str(index_dir),
                              "--quiet"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (index_dir / ".writer.lock").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    second = run_cli("index", str(messy), "--index-dir", str(index_dir))
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert second.returncode == 1 and "another indexer" in second.stderr
    waited = run_cli("index", str(messy), "--index-dir", str(index_dir), "--wait", "60")
    assert waited.returncode == 0 and "7 unchanged" in waited.stdout
