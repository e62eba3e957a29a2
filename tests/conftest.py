"""Shared fixtures: real components only (the packaged model, Chroma, spaCy), built once per session."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.config import SAMPLE_CORPUS, IndexConfig

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE_FILES = sorted(SAMPLE_CORPUS.glob("*.txt"))
ARTICLE_1 = SAMPLE_CORPUS / "000_b67c245348cb2fa7.txt"  # The New Arab, Monday 2 March 2020
ARTICLE_2 = SAMPLE_CORPUS / "003_97907ec7cde03577.txt"  # RT, Thursday 5 March 2020


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_cli(*args: str, env: dict | None = None, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    """Run ``newsdesk ARGS`` in a fresh process, as a user would."""
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env={**os.environ, **(env or {})}, **kwargs)


@pytest.fixture(autouse=True, scope="session")
def _isolated_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the default index and caches of the tests away from the user's own."""
    home = tmp_path_factory.mktemp("home")
    from assistant.readers.llm.packaged import model_dir

    os.environ["NEWSDESK_MODEL_DIR"] = str(model_dir())  # the packaged LLM is joined once, where a user has it
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CACHE_HOME"] = str(home / "cache")
    os.environ.pop("NEWSDESK_INDEX_DIR", None)
    os.environ.pop("NEWSDESK_CHROMA_URL", None)
    os.environ.pop("NEWSDESK_LLM", None)
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"


@pytest.fixture(scope="session")
def sample_config(tmp_path_factory: pytest.TempPathFactory) -> IndexConfig:
    """An index of the bundled sample corpus (built once, read by many tests)."""
    from index.indexer import Indexer
    from index.store import NewsIndex

    config = IndexConfig.resolve(tmp_path_factory.mktemp("sample-index"))
    Indexer(NewsIndex(config)).run([SAMPLE_CORPUS])
    return config


@pytest.fixture(scope="session")
def engine(sample_config: IndexConfig):
    from assistant.chat import get_engine

    return get_engine(sample_config.index_dir, llm="none")


@pytest.fixture(scope="session")
def llm_engine(sample_config: IndexConfig):
    """The default engine: the LLM reader with the packaged 1.5B model (loaded once per session)."""
    from assistant.chat import get_engine

    engine = get_engine(sample_config.index_dir, llm="local")
    assert engine.warm_up_llm(), engine.llm_problem
    return engine


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS, target)
    return target


def wait_for_port(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")
