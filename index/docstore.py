"""The document store: articles, chunks and the file manifest in one SQLite file.

It is the source of truth for what is indexed. An article is ``pending`` while its vectors are
being written, ``ready`` once they all are, and ``retired`` when no file refers to it any more and
its vectors are being removed. Queries only ever see ``ready`` articles, and a state change is one
transaction, so a crash at any point leaves either the old or the new version visible, never half.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from index.models import Article, Chunk

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    doc_id TEXT PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL, published TEXT, published_ts REAL,
    source TEXT, url TEXT, origin TEXT, state TEXT NOT NULL, n_chunks INTEGER NOT NULL, indexed_at REAL);
CREATE INDEX IF NOT EXISTS articles_state ON articles(state);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, seq INTEGER NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL, n_tokens INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS sentence_vectors (
    chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, spans TEXT NOT NULL, vectors BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS sentence_vectors_doc ON sentence_vectors(doc_id);
CREATE TABLE IF NOT EXISTS files (
    origin TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT, status TEXT NOT NULL,
    reasons TEXT, updated_at REAL);
CREATE TABLE IF NOT EXISTS file_articles (
    origin TEXT NOT NULL, doc_id TEXT NOT NULL, PRIMARY KEY (origin, doc_id));
CREATE INDEX IF NOT EXISTS file_articles_doc ON file_articles(doc_id);
"""


@dataclass(frozen=True)
class FileRecord:
    """What the manifest remembers of a file from the last run that read it."""

    origin: str
    size: int | None
    mtime_ns: int | None
    sha256: str | None
    status: str  # "indexed" or "skipped"
    reasons: list[str]
    doc_ids: frozenset[str]


@dataclass(frozen=True)
class ArticleInfo:
    """An article's metadata without its text (for listings)."""

    doc_id: str
    title: str
    published: str | None
    source: str | None
    url: str | None
    origin: str | None
    n_chunks: int


class CorruptIndex(RuntimeError):
    """The index directory's database cannot be read."""


class DocStore:
    """SQLite-backed articles, chunks and manifest; safe to share between threads.

    >>> store = DocStore(Path("~/.local/share/newsdesk/index/newsdesk.sqlite3").expanduser())
    >>> store.ready_ids()
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        try:
            self.conn.executescript(SCHEMA)
        except sqlite3.DatabaseError as err:
            raise CorruptIndex(f"the index database {self.path} is unreadable ({err}); "
                               "move the index directory away and index again") from err

    # -- connections ------------------------------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=OFF")
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- meta -------------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str, conn: sqlite3.Connection | None = None) -> None:
        (conn or self.conn).execute("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", (key, value))

    def generation(self) -> int:
        """A counter that changes whenever the set of ready articles changes."""
        return int(self.get_meta("generation") or 0)

    def _bump(self, conn: sqlite3.Connection) -> None:
        self.set_meta("generation", str(self.generation() + 1), conn)

    # -- the manifest -----------------------------------------------------------------------------
    def file_records(self) -> dict[str, FileRecord]:
        links: dict[str, set[str]] = {}
        for origin, doc_id in self.conn.execute("SELECT origin, doc_id FROM file_articles"):
            links.setdefault(origin, set()).add(doc_id)
        return {row[0]: FileRecord(row[0], row[1], row[2], row[3], row[4], json.loads(row[5] or "[]"),
                                   frozenset(links.get(row[0], ())))
                for row in self.conn.execute("SELECT origin, size, mtime_ns, sha256, status, reasons FROM files")}

    def touch_file(self, origin: str, size: int, mtime_ns: int) -> None:
        """Remember a new stat for a file whose content did not change."""
        with self.transaction() as conn:
            conn.execute("UPDATE files SET size=?, mtime_ns=? WHERE origin=?", (size, mtime_ns, origin))

    def _write_file(self, conn: sqlite3.Connection, origin: str, size: int | None, mtime_ns: int | None,
                    sha256: str | None, doc_ids: Iterable[str], reasons: list[str]) -> None:
        doc_ids = list(doc_ids)
        status = "indexed" if doc_ids else "skipped"
        conn.execute("INSERT OR REPLACE INTO files(origin, size, mtime_ns, sha256, status, reasons, updated_at)"
                     " VALUES(?,?,?,?,?,?,?)", (origin, size, mtime_ns, sha256, status, json.dumps(reasons), time.time()))
        conn.execute("DELETE FROM file_articles WHERE origin=?", (origin,))
        conn.executemany("INSERT OR IGNORE INTO file_articles(origin, doc_id) VALUES(?, ?)",
                         [(origin, d) for d in doc_ids])

    def record_skipped_file(self, origin: str, size: int | None, mtime_ns: int | None, sha256: str | None,
                            reasons: list[str]) -> list[str]:
        """A file that holds no article now; returns the doc_ids this retired."""
        with self.transaction() as conn:
            self._write_file(conn, origin, size, mtime_ns, sha256, [], reasons)
            return self._retire_orphans(conn)

    def forget_files(self, origins: Iterable[str]) -> list[str]:
        """Drop files from the manifest (``--prune``); returns the doc_ids this retired."""
        with self.transaction() as conn:
            for origin in origins:
                conn.execute("DELETE FROM files WHERE origin=?", (origin,))
                conn.execute("DELETE FROM file_articles WHERE origin=?", (origin,))
            return self._retire_orphans(conn)

    # -- articles ---------------------------------------------------------------------------------
    def add_pending(self, article: Article, chunks: list[Chunk]) -> None:
        """Record an article and its chunks before their vectors are written."""
        published = article.published
        with self.transaction() as conn:
            conn.execute("DELETE FROM chunks WHERE doc_id=?", (article.doc_id,))
            conn.execute("DELETE FROM sentence_vectors WHERE doc_id=?", (article.doc_id,))
            conn.execute(
                "INSERT OR REPLACE INTO articles(doc_id, title, text, published, published_ts, source, url, origin,"
                " state, n_chunks, indexed_at) VALUES(?,?,?,?,?,?,?,?,'pending',?,?)",
                (article.doc_id, article.title, article.text, article.published_iso,
                 published.timestamp() if published else None, article.source, article.url, article.origin,
                 len(chunks), time.time()))
            conn.executemany("INSERT INTO chunks(chunk_id, doc_id, seq, start, end, n_tokens, text)"
                             " VALUES(?,?,?,?,?,?,?)",
                             [(c.chunk_id, c.doc_id, c.seq, c.start, c.end, c.n_tokens, c.text) for c in chunks])

    def commit_files(self, files: list[tuple[str, int, int, str, list[str], list[str]]]) -> list[str]:
        """Make the files' articles ready and point the files at them, in one transaction.

        Each entry is ``(origin, size, mtime_ns, sha256, doc_ids, skip_reasons)``. Articles no file
        refers to any more are retired in the same transaction; their doc_ids are returned.
        """
        with self.transaction() as conn:
            for origin, size, mtime_ns, sha256, doc_ids, reasons in files:
                conn.executemany("UPDATE articles SET state='ready' WHERE doc_id=? AND state='pending'",
                                 [(d,) for d in doc_ids])
                self._write_file(conn, origin, size, mtime_ns, sha256, doc_ids, reasons)
            retired = self._retire_orphans(conn)
            self._bump(conn)
            return retired

    def _retire_orphans(self, conn: sqlite3.Connection) -> list[str]:
        rows = conn.execute("SELECT doc_id FROM articles WHERE state='ready' AND doc_id NOT IN"
                            " (SELECT doc_id FROM file_articles)").fetchall()
        retired = [r[0] for r in rows]
        if retired:
            conn.executemany("UPDATE articles SET state='retired' WHERE doc_id=?", [(d,) for d in retired])
            self._bump(conn)
        return retired

    def delete_articles(self, doc_ids: Iterable[str]) -> None:
        """Remove retired or abandoned articles' rows (after their vectors are gone)."""
        with self.transaction() as conn:
            for doc_id in doc_ids:
                conn.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
                conn.execute("DELETE FROM sentence_vectors WHERE doc_id=?", (doc_id,))
                conn.execute("DELETE FROM articles WHERE doc_id=? AND state!='ready'", (doc_id,))

    def ids_in_state(self, state: str) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT doc_id FROM articles WHERE state=?", (state,))]

    def state_of(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT state FROM articles WHERE doc_id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def ready_ids(self) -> set[str]:
        return set(self.ids_in_state("ready"))

    def article(self, doc_id: str) -> Article | None:
        row = self.conn.execute("SELECT doc_id, title, text, published, source, url, origin FROM articles"
                                " WHERE doc_id=?", (doc_id,)).fetchone()
        if row is None:
            return None
        return Article(doc_id=row[0], title=row[1], text=row[2],
                       published=datetime.fromisoformat(row[3]) if row[3] else None,
                       source=row[4], url=row[5], origin=row[6])

    def ready_articles(self) -> list[ArticleInfo]:
        rows = self.conn.execute("SELECT doc_id, title, published, source, url, origin, n_chunks FROM articles"
                                 " WHERE state='ready' ORDER BY published DESC, title")
        return [ArticleInfo(*row) for row in rows]

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        rows = self.conn.execute("SELECT doc_id, seq, start, end, text, n_tokens FROM chunks WHERE doc_id=?"
                                 " ORDER BY seq", (doc_id,))
        return [Chunk(doc_id=r[0], seq=r[1], start=r[2], end=r[3], text=r[4], n_tokens=r[5]) for r in rows]

    def chunks_by_id(self, chunk_ids: list[str]) -> dict[str, Chunk]:
        found: dict[str, Chunk] = {}
        for start in range(0, len(chunk_ids), 500):
            batch = chunk_ids[start:start + 500]
            rows = self.conn.execute(
                f"SELECT doc_id, seq, start, end, text, n_tokens FROM chunks WHERE chunk_id IN ({','.join('?' * len(batch))})",
                batch)
            for r in rows:
                chunk = Chunk(doc_id=r[0], seq=r[1], start=r[2], end=r[3], text=r[4], n_tokens=r[5])
                found[chunk.chunk_id] = chunk
        return found

    def put_sentence_vectors(self, rows: list[tuple[Chunk, list[tuple[int, int]], np.ndarray]]) -> None:
        """Store each chunk's sentence spans (offsets into the chunk) and their vectors (float16)."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO sentence_vectors(chunk_id, doc_id, spans, vectors) VALUES(?,?,?,?)",
                [(c.chunk_id, c.doc_id, json.dumps(spans), vectors.astype(np.float16).tobytes())
                 for c, spans, vectors in rows])

    def sentence_vectors(self, chunk_ids: list[str]) -> dict[str, tuple[list[tuple[int, int]], np.ndarray]]:
        """chunk_id -> (sentence spans within the chunk, (n, 384) float32 vectors)."""
        found = {}
        for start in range(0, len(chunk_ids), 500):
            batch = chunk_ids[start:start + 500]
            rows = self.conn.execute(
                f"SELECT chunk_id, spans, vectors FROM sentence_vectors WHERE chunk_id IN ({','.join('?' * len(batch))})",
                batch)
            for chunk_id, spans, blob in rows:
                found[chunk_id] = ([tuple(s) for s in json.loads(spans)],
                                   np.frombuffer(blob, dtype=np.float16).reshape(-1, 384).astype(np.float32))
        return found

    def ready_chunks(self) -> list[tuple[Chunk, str, str | None]]:
        """Every ready chunk with its article's title and source, in a stable order."""
        rows = self.conn.execute(
            "SELECT c.doc_id, c.seq, c.start, c.end, c.text, c.n_tokens, a.title, a.source FROM chunks c"
            " JOIN articles a ON a.doc_id = c.doc_id WHERE a.state='ready' ORDER BY c.chunk_id")
        return [(Chunk(doc_id=r[0], seq=r[1], start=r[2], end=r[3], text=r[4], n_tokens=r[5]), r[6], r[7])
                for r in rows]

    def counts(self) -> dict[str, int]:
        articles = self.conn.execute("SELECT COUNT(*), COALESCE(SUM(n_chunks), 0) FROM articles"
                                     " WHERE state='ready'").fetchone()
        files = self.conn.execute("SELECT status, COUNT(*) FROM files GROUP BY status").fetchall()
        return {"articles": articles[0], "chunks": articles[1], **{f"files_{s}": n for s, n in files}}
