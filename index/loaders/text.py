"""Plain-text and Markdown articles: title on the first line, optional ``Key: value`` headers."""

from __future__ import annotations

from index.cleaning import HEADER_LINE, RawArticle
from index.dates import parse_datetime
from index.loaders.urls import source_from_url

HEADER_LIMIT = 12  # header lines are looked for among the first lines only


def parse_text_article(text: str, origin: str) -> RawArticle:
    """Split header lines (Published, Source, URL, ...) from the body lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    headers: dict[str, str] = {}
    body: list[str] = []
    for index, line in enumerate(lines):
        match = HEADER_LINE.match(line.strip()) if index < HEADER_LIMIT else None
        if match and match.group(1).lower() not in headers:
            headers[match.group(1).lower()] = match.group(2).strip()
        else:
            body.append(line)
    published = parse_datetime(headers.get("published") or headers.get("date"))
    url = headers.get("url") or headers.get("link")
    source = headers.get("source") or headers.get("publisher") or source_from_url(url)
    return RawArticle(lines=body, origin=origin, published=published, source=source, url=url,
                      headers=headers)
