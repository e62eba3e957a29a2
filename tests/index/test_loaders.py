"""Loading and cleaning: the two samples exactly, every other format, and every kind of bad file."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from index.loaders import load_file, parse_document
from tests.conftest import ARTICLE_1, ARTICLE_2


def test_new_arab_sample_is_cleaned_and_dated() -> None:
    loaded = load_file(ARTICLE_1)
    assert loaded.skipped == []
    (article,) = loaded.articles
    assert article.title == "Erdogan to meet Putin in Russia this week to discuss soaring Syria tensions"
    assert article.published == datetime(2020, 3, 2, tzinfo=timezone.utc)
    assert article.source is None and article.url is None
    text = article.text
    assert text.startswith("The two leaders are due to meet after the Moscow-backed Syrian regime")
    for junk in ("3 min read", "02 March, 2020", "[Getty]", "Russia and Turkey have cooperated"):
        assert junk not in text
    assert article.title not in text  # the repeated title line is gone
    assert "will visit Russia on Thursday for a summit" in text
    assert text.rstrip().endswith("Agencies contributed to this report")


def test_rt_sample_is_cleaned_and_dated() -> None:
    (article,) = load_file(ARTICLE_2).articles
    assert article.title == ("Acute crisis in Syria's Idlib demanded our direct talks, Putin says as he meets "
                             "Erdogan in Moscow")
    assert article.published == datetime(2020, 3, 5, 11, 15, tzinfo=timezone.utc)
    for junk in ("Follow us on", "icon", "Also on rt.com", "Think your friends would be interested", "Share this story"):
        assert junk not in article.text
    assert article.text.startswith("Dozens of Turkish troops died in a Syrian airstrike")
    assert article.text.rstrip().endswith("set their hopes high for the meeting in Moscow.")


def test_doc_id_is_stable_and_content_derived(tmp_path) -> None:
    first = load_file(ARTICLE_1).articles[0]
    copy = tmp_path / "renamed.txt"
    copy.write_bytes(ARTICLE_1.read_bytes().replace(b"\n\n", b"\n \n"))  # whitespace changes only
    assert load_file(copy).articles[0].doc_id == first.doc_id
    assert load_file(ARTICLE_2).articles[0].doc_id != first.doc_id


def test_header_lines_give_metadata() -> None:
    text = ("SBF trial: the latest updates\nPublished: 2023-10-05T14:00:00+00:00\nSource: The Verge\n"
            "URL: https://www.theverge.com/x\n\nThe trial continued on Thursday.\n").encode()
    (article,) = parse_document(text, "a.txt").articles
    assert article.title == "SBF trial: the latest updates"
    assert article.published == datetime(2023, 10, 5, 14, tzinfo=timezone.utc)
    assert article.source == "The Verge" and article.url == "https://www.theverge.com/x"
    assert article.text == "The trial continued on Thursday."


def test_source_comes_from_url_when_no_header() -> None:
    text = b"Title here\nURL: https://www.rt.com/news/1/\n\nBody text of the story."
    assert parse_document(text, "a.md").articles[0].source == "rt.com"


def test_markdown_heading_title() -> None:
    (article,) = parse_document(b"# A markdown story\n\nIt has **a body** and a [link](https://x.org).", "a.md").articles
    assert article.title == "A markdown story"
    assert article.text == "It has a body and a link."


def test_html_main_text_and_metadata() -> None:
    html = b"""<html><head><title>Summit in Moscow | Example News</title>
    <meta property="og:site_name" content="Example News"><meta property="article:published_time" content="2020-03-05T10:00:00Z">
    <script>alert('x')</script></head><body><nav>Home | World | Sport</nav>
    <article><h1>Summit in Moscow</h1><p>Putin and Erdogan met in Moscow on Thursday to discuss the crisis in Idlib,
    the last opposition-held province in Syria, after weeks of fighting.</p><p>The leaders agreed to keep talking,
    officials said after the meeting, which lasted several hours in the Kremlin.</p></article>
    <footer>Copyright Example News</footer></body></html>"""
    (article,) = parse_document(html, "page.html").articles
    assert "Putin and Erdogan met in Moscow" in article.text
    assert "alert" not in article.text and "Home | World" not in article.text
    assert article.published is not None and article.published.date().isoformat() == "2020-03-05"
    assert article.source == "Example News"


def test_json_and_jsonl_records() -> None:
    records = [{"title": "One", "body": "First story text.", "published": "2020-03-02", "source": "A", "url": "https://a.org/1"},
               {"title": "Two", "text": "Second story text.", "date": "5 March 2020"},
               {"title": "No body here"}]
    loaded = parse_document(json.dumps(records).encode(), "batch.json")
    assert [a.title for a in loaded.articles] == ["One", "Two"]
    assert loaded.articles[1].published.date().isoformat() == "2020-03-05"
    assert len(loaded.skipped) == 1 and "no body" in loaded.skipped[0].reason
    lines = "\n".join([json.dumps(records[0]), "{not json", json.dumps({"text": "Untitled story body."})])
    loaded = parse_document(lines.encode(), "feed.jsonl")
    assert [a.title for a in loaded.articles] == ["One", "Untitled story body."]
    assert "line 2" in loaded.skipped[0].origin and "invalid JSON" in loaded.skipped[0].reason


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n\t ", "empty file"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file (a PNG image)"),
    ("blob.txt", bytes(range(256)) * 20, "binary file"),
    ("doc.pdf", b"%PDF-1.4 ...", "unsupported file type"),
    ("broken.json", b'{"title": "x", ', "invalid JSON"),
    ("junk.txt", "Follow us on Facebook\nThink your friends would be interested? Share this story!\n".encode(),
     "no article text left after cleaning"),
])
def test_bad_files_are_skipped_with_a_reason(name: str, data: bytes, reason: str) -> None:
    loaded = parse_document(data, name)
    assert loaded.articles == []
    assert loaded.skipped and reason in loaded.skipped[0].reason
    assert loaded.skipped[0].origin.endswith(name)


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "utf-8-sig", "cp1252"])
def test_other_text_encodings_are_read(encoding: str) -> None:
    text = "Café talks in Zürich\n\nThe délégation arrived on Monday for the talks about the crisis, officials said."
    (article,) = parse_document(text.encode(encoding), "story.txt").articles
    assert article.title == "Café talks in Zürich"
    assert "délégation" in article.text


def test_unreadable_and_too_large_files(tmp_path) -> None:
    missing = load_file(tmp_path / "gone.txt")
    assert "unreadable" in missing.skipped[0].reason
    big = tmp_path / "big.txt"
    big.write_bytes(b"Title\n\n" + b"word " * 300_000)
    loaded = load_file(big, max_bytes=1_000_000)
    assert loaded.articles == [] and "too large" in loaded.skipped[0].reason
