"""Cleaning: keep the story, drop what is not the article (menus, share prompts, teasers, credits).

The cleaned body is what every character offset refers to, so cleaning happens once, here, before
anything is chunked or cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from index.dates import parse_dateline
from index.models import Article

#: Whole lines that are page furniture, not article text.
JUNK_LINES: dict[str, re.Pattern[str]] = {
    "follow-us": re.compile(r"^follow us on\b", re.I),
    "share-prompt": re.compile(r"^(?:think your friends would be interested\?.*|share this (?:story|article)!?"
                               r"|share(?: on \w+)?|click to share.*)$", re.I),
    "also-on-teaser": re.compile(r"^(?:also on|read more on|more on) [a-z0-9-]+(?:\.[a-z0-9-]+)+\b", re.I),
    "read-time": re.compile(r"^\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read$", re.I),
    "furniture": re.compile(r"^(?:advertisement|sponsored|related(?: articles| stories)?:?|read more:?"
                            r"|sign up (?:for|to) (?:our|the) .*newsletter.*|subscribe(?: now)?"
                            r"|skip to (?:main )?content|listen to this article.*)$", re.I),
    "photo-credit": re.compile(r"^(?:photo|image|picture|credit|photograph)\s*(?::|by)\s*.{0,80}$", re.I),
}
#: A caption ends with a bracketed credit such as ``[Getty]`` or ``[AFP via Getty Images]``.
_CAPTION_CREDIT = re.compile(r"\[(?:[A-Z][\w&'.-]*)(?:[ /][A-Za-z][\w&'.-]*){0,4}\]\s*$")
#: Icon-font runs ("icon bookmark-bicon cameraicon ...") from scraped menus.
_ICON = re.compile(r"icon", re.I)
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://|/)[^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*)(?=\S)(.+?)(?<=\S)\1")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

HEADER_LINE = re.compile(r"^(published|date|source|publisher|url|link|author|by)\s*:\s*(.+)$", re.I)


@dataclass
class RawArticle:
    """An article as a loader found it, before cleaning."""

    lines: list[str]
    origin: str
    title: str | None = None
    published: datetime | None = None
    source: str | None = None
    url: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    title_in_text: bool = True  # plain text: the first line is the title; records carry it apart


def junk_reason(line: str) -> str | None:
    """Why a line is not article text, or None when it is."""
    if len(_ICON.findall(line)) >= 5:
        return "icon-run"
    for name, pattern in JUNK_LINES.items():
        if pattern.match(line):
            return name
    if _CAPTION_CREDIT.search(line) and len(line) < 300:
        return "photo-caption"
    return None


def normalise_line(line: str) -> str:
    line = _CONTROL.sub("", line)
    line = _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", _HEADING_MARK.sub("", line)))
    return _SPACES.sub(" ", line).strip()


def _same_text(a: str, b: str) -> bool:
    return re.sub(r"\W+", "", a).lower() == re.sub(r"\W+", "", b).lower()


def clean_article(raw: RawArticle) -> Article | None:
    """The cleaned article, or None when nothing of a story is left."""
    title = normalise_line(raw.title) if raw.title else None
    published = raw.published
    body: list[str] = []
    for index, raw_line in enumerate(raw.lines):
        line = normalise_line(raw_line)
        if not line or junk_reason(line):
            continue
        near_top = len(body) < 4 and index < 15
        if near_top and published is None and (found := parse_dateline(line)):
            published = found
            continue
        if near_top and parse_dateline(line):
            continue  # a second dateline (e.g. "Updated ...") is metadata too
        if title is None and raw.title_in_text:
            title = line
            continue
        if title and _same_text(line, title):
            continue  # the title repeated by the page template
        body.append(line)
    if not body and title:
        body = [title]
    if not body:
        return None
    if not title:
        title = body[0] if len(body[0]) <= 100 else body[0][:99].rsplit(" ", 1)[0] + "…"
    return Article(title=title, text="\n\n".join(body), published=published,
                   source=raw.source, url=raw.url, origin=raw.origin)
