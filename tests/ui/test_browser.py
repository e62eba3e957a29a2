"""A real headless Chromium: ask, see the answer and a card, open it, see the highlighted span; markup stays text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture()
def page(browser, ui_url):
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(ui_url, wait_until="load")
    page.wait_for_selector("#question textarea", timeout=30000)
    yield page
    page.close()


def _ask(page, question: str) -> None:
    page.fill("#question textarea", question)
    page.click("#send")


def test_ask_open_card_and_see_the_span(page, tmp_path: Path) -> None:
    _ask(page, "When is the summit?")
    page.wait_for_selector(".open-source", timeout=30000)
    assert "Thursday 5 March 2020" in page.inner_text("#chatbot")
    assert page.locator("button.open-source").count() >= 1
    page.locator(".open-source").nth(0).click()
    mark = page.wait_for_selector("#viewer mark.cite", timeout=10000)
    assert "on Thursday for a summit" in mark.inner_text()
    page.wait_for_function("() => { const m = document.querySelector('#viewer mark.cite');"
                           " const v = m.closest('#viewer'); const r = m.getBoundingClientRect();"
                           " const b = v.getBoundingClientRect(); return r.top >= b.top - 1 && r.bottom <= b.bottom + 1; }",
                           timeout=5000)
    shot = Path(os.environ.get("NEWSDESK_SCREENSHOT", tmp_path / "chat.png"))
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def test_new_chat_clears(page) -> None:
    _ask(page, "Who is the Kremlin spokesman?")
    page.wait_for_selector(".open-source", timeout=30000)
    page.click("#new-chat")
    page.wait_for_function("() => !document.querySelector('.open-source')", timeout=10000)
    assert "Peskov" not in page.inner_text("#chatbot")


def test_hostile_article_shows_as_text(page, ui_engine, tmp_path: Path) -> None:
    from index.indexer import Indexer

    hostile = ("Harbour strike ends\nPublished: 2020-03-07\n\n"
               "The harbour strike in Piraeus ended on Saturday <script>alert('xss')</script> after talks "
               "<img src=x onerror=alert('img')> with the ministry, union leaders said.\n")
    Indexer(ui_engine.news).add_uploads([("hostile.txt", hostile.encode())])
    _ask(page, "When did the harbour strike in Piraeus end?")
    page.wait_for_selector(".open-source", timeout=30000)
    page.locator(".open-source").nth(0).click()
    page.wait_for_selector("#viewer mark.cite", timeout=10000)
    viewer = page.inner_text("#viewer")
    assert "<script>alert('xss')</script>" in viewer and "<img src=x onerror=alert('img')>" in viewer
    assert page.locator("#viewer img").count() == 0 and page.locator("#viewer script").count() == 0
    page.wait_for_timeout(500)
    assert page.dialogs == []
