"""A real Newsdesk web server on 127.0.0.1 (its own index, since uploads change it) and a real browser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.config import SAMPLE_CORPUS, IndexConfig
from tests.conftest import free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="package")
def ui_engine(tmp_path_factory: pytest.TempPathFactory):
    from assistant.engine import AnswerEngine
    from index.indexer import Indexer

    config = IndexConfig.resolve(tmp_path_factory.mktemp("ui-index"))
    engine = AnswerEngine(config)
    Indexer(engine.news).run([SAMPLE_CORPUS])
    engine.warm_up()
    return engine


@pytest.fixture(scope="package")
def ui_url(ui_engine):
    from ui.server import launch

    demo, url = launch(ui_engine, "127.0.0.1", free_port(), block=False)
    yield url
    demo.close()


@pytest.fixture(scope="package")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is needed for the browser tests (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS, headless=True)
        yield chromium
        chromium.close()
