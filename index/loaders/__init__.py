"""Loading articles from files: one entry point for every supported format.

``load_file`` never raises for a bad file: it returns what it could load and, for the rest, a
:class:`Skipped` entry naming the file and the reason, so that one bad file never stops a run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from index.cleaning import RawArticle, clean_article
from index.loaders.decoding import UnreadableFile, decode_text
from index.loaders.html import parse_html_article
from index.loaders.records import parse_records
from index.loaders.text import parse_text_article
from index.models import Article

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")


@dataclass(frozen=True)
class Skipped:
    """Something that was not indexed, and why."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass
class Loaded:
    """The articles found in one file, and the parts of it that were skipped."""

    origin: str
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def iter_article_files(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[Path, str | None]]:
    """Each file under ``paths`` (sorted, hidden entries left out) with a reason when it is not loadable."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        child = Path(root) / name
                        yield child, None if child.suffix.lower() in SUPPORTED_SUFFIXES else "unsupported file type"
        elif path.is_file():
            yield path, None if path.suffix.lower() in SUPPORTED_SUFFIXES else "unsupported file type"
        else:
            yield path, "no such file or directory"


def parse_document(data: bytes, name: str, origin: str | None = None) -> Loaded:
    """Articles from a file's bytes; ``name`` decides the format by its suffix."""
    origin = origin or name
    loaded = Loaded(origin)
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        loaded.skipped.append(Skipped(origin, f"unsupported file type {suffix or '(none)'}"))
        return loaded
    try:
        text = decode_text(data)
        if suffix in (".json", ".jsonl"):
            raws: list[RawArticle] = []
            for item in parse_records(text, origin, jsonl=suffix == ".jsonl"):
                if isinstance(item, RawArticle):
                    raws.append(item)
                else:
                    loaded.skipped.append(Skipped(f"{origin} {item[0]}", item[1]))
        elif suffix in (".html", ".htm"):
            raws = [parse_html_article(text, origin)]
        else:
            raws = [parse_text_article(text, origin)]
    except UnreadableFile as err:
        loaded.skipped.append(Skipped(origin, str(err)))
        return loaded
    for raw in raws:
        article = clean_article(raw)
        if article is None:
            loaded.skipped.append(Skipped(raw.origin, "no article text left after cleaning"))
        else:
            loaded.articles.append(article)
    return loaded


def load_file(path: str | os.PathLike, max_bytes: int | None = None) -> Loaded:
    """Articles from one file on disk (see :func:`parse_document`)."""
    path = Path(path)
    origin = str(path)
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            return Loaded(origin, skipped=[Skipped(
                origin, f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")])
        data = path.read_bytes()
    except OSError as err:
        return Loaded(origin, skipped=[Skipped(origin, f"unreadable ({err.strerror or err})")])
    return parse_document(data, path.name, origin)


__all__ = ["Loaded", "Skipped", "SUPPORTED_SUFFIXES", "iter_article_files", "load_file", "parse_document"]
