"""JSON and JSON Lines: records with title, body or text, published, source, url."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from index.cleaning import RawArticle
from index.dates import parse_datetime
from index.loaders.decoding import UnreadableFile
from index.loaders.urls import source_from_url

FIELDS = {
    "title": ("title", "headline", "name"),
    "body": ("body", "text", "content", "article", "description"),
    "published": ("published", "published_at", "publishedAt", "date", "pubDate", "datetime"),
    "source": ("source", "publisher", "site", "outlet"),
    "url": ("url", "link", "href"),
}


def _field(record: dict[str, Any], name: str) -> str | None:
    for key in FIELDS[name]:
        value = record.get(key)
        if isinstance(value, dict):  # e.g. {"source": {"name": "BBC"}}
            value = value.get("name") or value.get("title")
        if value not in (None, "") and not isinstance(value, (list, dict)):
            return str(value)
    return None


def _records(text: str, jsonl: bool) -> Iterator[tuple[str, Any]]:
    """(label, record) pairs; a line that is not JSON yields its error as the record."""
    if jsonl:
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    yield f"line {number}", json.loads(line)
                except json.JSONDecodeError as err:
                    yield f"line {number}", UnreadableFile(f"invalid JSON ({err.msg})")
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise UnreadableFile(f"invalid JSON ({err.msg} at line {err.lineno})") from None
    if isinstance(data, dict):
        for key in ("articles", "items", "data", "records", "results"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items, 1):
        yield f"record {number}", item


def parse_records(text: str, origin: str, jsonl: bool) -> Iterator[RawArticle | tuple[str, str]]:
    """Articles, or ``(label, reason)`` for each record that cannot be one."""
    for label, record in _records(text, jsonl):
        if isinstance(record, UnreadableFile):
            yield label, str(record)
            continue
        if not isinstance(record, dict):
            yield label, "not a JSON object"
            continue
        body = _field(record, "body")
        if not body or not body.strip():
            yield label, "no body or text field"
            continue
        url = _field(record, "url")
        yield RawArticle(
            lines=body.replace("\r\n", "\n").split("\n"), origin=f"{origin}#{label.replace(' ', '')}",
            title=_field(record, "title"), title_in_text=False,
            published=parse_datetime(_field(record, "published")),
            source=_field(record, "source") or source_from_url(url), url=url,
        )
