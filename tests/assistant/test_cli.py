"""`newsdesk ask`: text and JSON output, exit codes."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory) -> str:
    """An index of the sample corpus that no process of the test session keeps open."""
    index_dir = tmp_path_factory.mktemp("cli-index")
    assert run_cli("index", "--index-dir", str(index_dir)).returncode == 0
    return str(index_dir)


def test_ask_json(cli_index) -> None:
    done = run_cli("ask", "When is the summit?", "--json", "--index-dir", cli_index)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) >= {"question", "answer", "abstained", "citations", "timings"}
    assert data["answer"].startswith("Thursday 5 March 2020") and not data["abstained"]
    assert set(data["citations"][0]) == {"n", "doc_id", "title", "source", "published", "url", "quote", "start", "end"}


def test_ask_text_lists_sources(cli_index) -> None:
    done = run_cli("ask", "Who is the Kremlin spokesman?", "--index-dir", cli_index)
    assert done.returncode == 0 and "Dmitry Peskov" in done.stdout and "Sources:" in done.stdout


def test_abstention_is_not_an_error(cli_index) -> None:
    done = run_cli("ask", "Who won the World Cup?", "--index-dir", cli_index)
    assert done.returncode == 0 and "The articles don't say." in done.stdout


def test_bad_input_and_missing_index(cli_index, tmp_path) -> None:
    empty = run_cli("ask", "   ", "--index-dir", cli_index)
    assert empty.returncode == 2 and empty.stderr.strip() == "error: the question is empty"
    missing = run_cli("ask", "When is the summit?", "--index-dir", str(tmp_path / "none"))
    assert missing.returncode == 1 and "no articles are indexed" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_an_index_open_in_another_process(engine, sample_config, tmp_path) -> None:
    """The session's engine owns the sample index's vectors: another process answers from keywords, and an
    indexer refuses rather than corrupt the embedded store."""
    engine.warm_up()
    done = run_cli("ask", "Who is the Kremlin spokesman?", "--index-dir", str(sample_config.index_dir))
    assert done.returncode == 0 and "Dmitry Peskov" in done.stdout
    assert "keyword search only" in done.stderr
    story = tmp_path / "story.txt"
    story.write_text("New story\n\nSomething happened on Friday.\n")
    refused = run_cli("index", str(story), "--index-dir", str(sample_config.index_dir))
    assert refused.returncode == 1 and "open in another newsdesk process" in refused.stderr
