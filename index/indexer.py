"""The indexing pipeline: files -> articles -> chunks -> vectors + BM25, incremental and crash-safe.

Unchanged files are recognised by their size and mtime (then by content hash) without being parsed,
so re-indexing an unchanged corpus opens neither the model nor Chroma. Changed articles are written
as ``pending`` and become visible in one docstore transaction (see :mod:`index.docstore`).
"""

from __future__ import annotations

import hashlib
import os
import queue
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from index.chunking import Chunker
from index.config import EMBEDDING_MODEL_ID, IndexConfig
from index.docstore import FileRecord
from index.loaders import Skipped, iter_article_files, parse_document
from index.lock import WriterLock
from index.models import Article, Chunk
from index.store import NewsIndex
from index.textutil import sentence_spans

PIPELINE_VERSION = "2"  # 2: sentence vectors
#: ``progress(done, total, label)`` after each file.
ProgressCallback = Callable[[int, int, str], None]
_FileCommit = tuple[str, int, int, str, list[str], list[str]]


class IndexSettingsChanged(RuntimeError):
    """The index was built with another model or chunking; it cannot be updated in place."""


@dataclass
class IndexReport:
    """What one indexing run did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    chunks_embedded: int = 0
    articles_total: int = 0
    chunks_total: int = 0
    seconds: float = 0.0
    embed_seconds: float = 0.0

    def summary(self) -> str:
        return (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{len(self.skipped)} skipped, {self.removed} removed; {self.chunks_embedded} chunks embedded; "
                f"index: {self.articles_total} articles, {self.chunks_total} chunks; {self.seconds:.2f} s")

    def to_dict(self) -> dict:
        data = asdict(self)
        data["skipped"] = [{"origin": s.origin, "reason": s.reason} for s in self.skipped]
        return data


def _pipeline_fingerprint(config: IndexConfig, embed_title: bool) -> str:
    return f"{PIPELINE_VERSION}/{EMBEDDING_MODEL_ID}/{config.chunking.fingerprint()}/title{int(embed_title)}"


class Indexer:
    """Bring an index up to date with a set of files.

    >>> report = Indexer(NewsIndex(IndexConfig.resolve())).run(["articles/"], prune=True)
    >>> print(report.summary())
    """

    def __init__(self, news: NewsIndex, progress: ProgressCallback | None = None, lock_timeout: float = 0.0,
                 batch_chunks: int = 64, embed_title: bool = True):
        self.news = news
        self.progress = progress
        self.lock_timeout = lock_timeout
        self.batch_chunks = batch_chunks
        self.embed_title = embed_title
        self._chunker: Chunker | None = None
        self._retired = 0  # articles retired by commits in the current run
        self._unchanged: set[str] = set()  # articles found as they were (counted once, however many files hold them)

    # -- public -----------------------------------------------------------------------------------
    def run(self, paths: Iterable[str | os.PathLike], prune: bool = False) -> IndexReport:
        started = time.perf_counter()
        report = IndexReport()
        self._retired = 0
        self._unchanged = set()
        with WriterLock(self.news.config.index_dir, timeout=self.lock_timeout):
            self._check_settings()
            self._recover()
            work = self._scan(paths, report)
            if prune:
                self._prune(report)
            self._process(work, report)
            self.news.save_bm25_if_stale()
        report.removed += max(0, self._retired - report.updated)  # the rest were replaced by updates
        report.unchanged = len(self._unchanged)
        self._totals(report)
        report.seconds = time.perf_counter() - started
        return report

    def add_uploads(self, files: list[tuple[str, bytes]]) -> IndexReport:
        """Index uploaded files: each is kept under the index's ``uploads/`` if it holds an article."""
        keep: list[Path] = []
        refused: list[Skipped] = []
        uploads = self.news.config.uploads_dir
        for name, data in files:
            safe = re.sub(r"[^\w.\- ]+", "_", Path(name).name).strip() or "upload.txt"
            loaded = parse_document(data, safe, origin=safe)
            if not loaded.articles:
                refused.extend(loaded.skipped or [Skipped(safe, "no article found")])
                continue
            uploads.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256(data).hexdigest()[:8]
            target = uploads / safe
            if target.exists() and target.read_bytes() != data:
                target = uploads / f"{target.stem}-{digest}{target.suffix}"
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
            keep.append(target)
        report = self.run(keep) if keep else self._totals(IndexReport())
        report.skipped = refused + report.skipped
        return report

    # -- steps ------------------------------------------------------------------------------------
    def _check_settings(self) -> None:
        docstore = self.news.docstore
        fingerprint = _pipeline_fingerprint(self.news.config, self.embed_title)
        stored = docstore.get_meta("pipeline")
        if stored is None:
            docstore.set_meta("pipeline", fingerprint)
        elif stored != fingerprint:
            raise IndexSettingsChanged(
                f"the index in {self.news.config.index_dir} was built with other settings ({stored}); "
                f"index into a new --index-dir to use {fingerprint}")

    def _recover(self) -> None:
        """Finish what an interrupted run left: drop half-written and retired articles' vectors."""
        docstore = self.news.docstore
        leftovers = docstore.ids_in_state("pending") + docstore.ids_in_state("retired")
        if leftovers:
            self.news.open_vectors(wait=self.lock_timeout)
            self._delete(leftovers)

    def _scan(self, paths: Iterable[str | os.PathLike], report: IndexReport) -> list[tuple[Path, str, os.stat_result]]:
        """Files whose size or mtime changed since the last run (the rest are counted as unchanged)."""
        manifest = self.news.docstore.file_records()
        work = []
        for path, reason in iter_article_files(paths):
            origin = str(path.resolve()) if path.exists() else str(path)
            if reason:
                report.skipped.append(Skipped(origin, reason))
                continue
            stat = path.stat()
            record = manifest.get(origin)
            if record and record.size == stat.st_size and record.mtime_ns == stat.st_mtime_ns:
                self._count_unchanged(record, report)
            else:
                work.append((path, origin, stat))
        return work

    def _count_unchanged(self, record: FileRecord, report: IndexReport) -> None:
        self._unchanged.update(record.doc_ids)
        report.skipped.extend(Skipped(record.origin, reason) for reason in record.reasons)

    def _prune(self, report: IndexReport) -> None:
        gone = [origin for origin in self.news.docstore.file_records() if not Path(origin).exists()]
        if gone:
            self.news.open_vectors(wait=self.lock_timeout)
            retired = self.news.docstore.forget_files(gone)
            self._delete(retired)
            report.removed += len(retired)

    def _process(self, work: list[tuple[Path, str, os.stat_result]], report: IndexReport) -> None:
        """Three stages in parallel threads: parse and chunk -> embed -> write vectors and commit.

        onnxruntime releases the GIL, so parsing the next files and writing the previous batch overlap
        with the embedding of the current one. Each batch is committed only after its vectors are written.
        """
        if not work:
            return
        self.news.open_vectors(wait=self.lock_timeout)  # refuses while another process owns the store
        prepared: queue.Queue = queue.Queue(maxsize=32)
        writes: queue.Queue = queue.Queue(maxsize=2)
        failures: list[BaseException] = []
        parser = threading.Thread(target=self._guarded, args=(self._prepare, failures, work, report, prepared),
                                  name="newsdesk-parse", daemon=True)
        writer = threading.Thread(target=self._guarded, args=(self._write, failures, writes),
                                  name="newsdesk-write", daemon=True)
        parser.start()
        writer.start()
        batch: list[tuple[Article, list[Chunk]]] = []
        commits: list[_FileCommit] = []
        done = 0
        try:
            while not failures:
                item = prepared.get()
                if item is None:
                    break
                commit, articles, label = item
                batch.extend(articles)
                if commit is not None:
                    commits.append(commit)
                done += 1
                if sum(len(chunks) for _, chunks in batch) >= self.batch_chunks:
                    self._embed(batch, commits, report, writes)
                    batch, commits = [], []
                if self.progress:
                    self.progress(done, len(work), label)
            if not failures:
                self._embed(batch, commits, report, writes)
        finally:
            writes.put(None)
            writer.join()
            while parser.is_alive():  # let the parser finish (or notice the failure) without blocking on a full queue
                try:
                    prepared.get(timeout=0.1)
                except queue.Empty:
                    pass
        if failures:
            raise failures[0]

    @staticmethod
    def _guarded(stage: Callable[..., None], failures: list[BaseException], *args: object) -> None:
        try:
            stage(*args)
        except BaseException as err:  # re-raised in the calling thread
            failures.append(err)
            if args and isinstance(args[-1], queue.Queue):
                args[-1].put(None)

    def _prepare(self, work: list[tuple[Path, str, os.stat_result]], report: IndexReport, out: queue.Queue) -> None:
        """Read, parse, clean and chunk each file; record new articles as pending."""
        docstore = self.news.docstore
        manifest = docstore.file_records()
        max_bytes = int(self.news.config.max_file_mb * 1e6)
        queued: dict[str, str] = {}
        for path, origin, stat in work:
            record = manifest.get(origin)
            data, reason = self._read(path, stat, max_bytes)
            sha = hashlib.sha256(data).hexdigest() if data is not None else None
            articles: list[tuple[Article, list[Chunk]]] = []
            if data is not None and record and record.sha256 == sha:
                docstore.touch_file(origin, stat.st_size, stat.st_mtime_ns)
                self._count_unchanged(record, report)
                commit = None
            elif data is None:
                report.skipped.append(Skipped(origin, reason or "unreadable"))
                commit = (origin, stat.st_size, stat.st_mtime_ns, sha or "", [], [reason or "unreadable"])
            else:
                commit = self._load(data, path, origin, stat, sha, record, queued, articles, report)
            out.put((commit, articles, path.name))
        out.put(None)

    @staticmethod
    def _read(path: Path, stat: os.stat_result, max_bytes: int) -> tuple[bytes | None, str | None]:
        if stat.st_size > max_bytes:
            return None, f"too large ({stat.st_size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)"
        try:
            return path.read_bytes(), None
        except OSError as err:
            return None, f"unreadable ({err.strerror or err})"

    def _load(self, data: bytes, path: Path, origin: str, stat: os.stat_result, sha: str,
              record: FileRecord | None, queued: dict[str, str], batch: list[tuple[Article, list[Chunk]]],
              report: IndexReport) -> _FileCommit:
        loaded = parse_document(data, path.name, origin)
        report.skipped.extend(loaded.skipped)
        reasons = [s.reason for s in loaded.skipped]
        doc_ids: list[str] = []
        docstore = self.news.docstore
        for article in loaded.articles:
            if article.doc_id in doc_ids:
                report.skipped.append(Skipped(article.origin or origin, "duplicate of an earlier record in this file"))
                continue
            doc_ids.append(article.doc_id)
            if record and article.doc_id in record.doc_ids:
                self._unchanged.add(article.doc_id)
                continue
            if article.doc_id in queued or docstore.state_of(article.doc_id) == "ready":
                first = queued.get(article.doc_id) or (docstore.article(article.doc_id).origin or "?")
                report.skipped.append(Skipped(article.origin or origin, f"duplicate of {first}"))
                continue
            chunks = self.chunker.chunk(article, self._header_tokens(article))
            docstore.add_pending(article, chunks)
            batch.append((article, chunks))
            queued[article.doc_id] = article.origin or origin
            if record:
                report.updated += 1
            else:
                report.added += 1
        return origin, stat.st_size, stat.st_mtime_ns, sha, doc_ids, reasons

    def _embed(self, batch: list[tuple[Article, list[Chunk]]], commits: list[_FileCommit], report: IndexReport,
               out: queue.Queue) -> None:
        """Embed a batch (chunks with their titles; a vector per sentence too) and hand it to the writer."""
        texts, spans = [], []
        for article, chunks in batch:
            header = self._header(article)
            for chunk in chunks:
                texts.append(header + chunk.text)
                spans.append([(s + len(header), e + len(header)) for s, e in sentence_spans(chunk.text)])
        started = time.perf_counter()
        vectors, sentence_vectors = self.news.embedder.embed_with_spans(texts, spans) if texts else (None, [])
        report.embed_seconds += time.perf_counter() - started
        report.chunks_embedded += len(texts)
        out.put((batch, vectors, spans, sentence_vectors, commits))

    def _write(self, writes: queue.Queue) -> None:
        """Write each embedded batch (sentence vectors, Chroma), then make its files' articles visible."""
        while (item := writes.get()) is not None:
            batch, vectors, spans, sentence_vectors, commits = item
            if batch:
                rows, offset = [], 0
                for article, chunks in batch:
                    shift = len(self._header(article))
                    for chunk in chunks:
                        local = [(s - shift, e - shift) for s, e in spans[offset]]
                        rows.append((chunk, local, sentence_vectors[offset]))
                        offset += 1
                self.news.docstore.put_sentence_vectors(rows)
                self.news.vectors.add_many(batch, vectors)
            self._commit(commits)

    def _commit(self, commits: list[_FileCommit]) -> None:
        """Make the batch's articles visible and retire what their files no longer hold."""
        if not commits:
            return
        retired = self.news.docstore.commit_files(commits)
        commits.clear()
        if retired:
            self._delete(retired)
            self._retired += len(retired)

    def _delete(self, doc_ids: list[str]) -> None:
        self.news.vectors.delete_docs(doc_ids)
        self.news.docstore.delete_articles(doc_ids)

    def _totals(self, report: IndexReport) -> IndexReport:
        counts = self.news.docstore.counts()
        report.articles_total, report.chunks_total = counts["articles"], counts["chunks"]
        return report

    # -- chunk text -------------------------------------------------------------------------------
    @property
    def chunker(self) -> Chunker:
        if self._chunker is None:
            self._chunker = Chunker(self.news.config.chunking, window_counter=self.news.embedder.count_wordpieces)
        return self._chunker

    def _header(self, article: Article) -> str:
        return f"{article.title}\n" if self.embed_title else ""

    def _header_tokens(self, article: Article) -> int:
        header = self._header(article)
        return self.news.embedder.count_wordpieces([header])[0] if header else 0

