"""HTML pages: the main text and metadata through trafilatura, the date through htmldate."""

from __future__ import annotations

from index.cleaning import RawArticle
from index.dates import parse_datetime
from index.loaders.decoding import UnreadableFile
from index.loaders.urls import source_from_url


def parse_html_article(html: str, origin: str) -> RawArticle:
    """Extract the article from a page; scripts, menus and boilerplate are left behind."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise UnreadableFile("no article text found in the HTML")
    published = parse_datetime(getattr(doc, "date", None))
    if published is None:
        from htmldate import find_date

        published = parse_datetime(find_date(html, extensive_search=False, outputformat="%Y-%m-%d"))
    url = getattr(doc, "url", None)
    source = getattr(doc, "sitename", None) or source_from_url(url)
    return RawArticle(lines=text.split("\n"), origin=origin, title=getattr(doc, "title", None), title_in_text=False,
                      published=published, source=source, url=url)
