"""`newsdesk ask`: text and JSON output, exit codes."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def test_ask_json(sample_config) -> None:
    done = run_cli("ask", "When is the summit?", "--json", "--index-dir", str(sample_config.index_dir))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) >= {"question", "answer", "abstained", "citations", "timings"}
    assert data["answer"].startswith("Thursday 5 March 2020") and not data["abstained"]
    assert set(data["citations"][0]) == {"n", "doc_id", "title", "source", "published", "url", "quote", "start", "end"}


def test_ask_text_lists_sources(sample_config) -> None:
    done = run_cli("ask", "Who is the Kremlin spokesman?", "--index-dir", str(sample_config.index_dir))
    assert done.returncode == 0 and "Dmitry Peskov" in done.stdout and "Sources:" in done.stdout


def test_abstention_is_not_an_error(sample_config) -> None:
    done = run_cli("ask", "Who won the World Cup?", "--index-dir", str(sample_config.index_dir))
    assert done.returncode == 0 and "The articles don't say." in done.stdout


def test_bad_input_and_missing_index(sample_config, tmp_path) -> None:
    empty = run_cli("ask", "   ", "--index-dir", str(sample_config.index_dir))
    assert empty.returncode == 2 and empty.stderr.strip() == "error: the question is empty"
    missing = run_cli("ask", "When is the summit?", "--index-dir", str(tmp_path / "none"))
    assert missing.returncode == 1 and "no articles are indexed" in missing.stderr
    assert "Traceback" not in missing.stderr
