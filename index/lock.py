"""One writer at a time per index directory: an advisory file lock (flock) that dies with its process."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path


class IndexBusy(RuntimeError):
    """Another process is writing to this index."""


def _lock_file(path: str, timeout: float, busy: Callable[[str], IndexBusy]) -> int:
    """An exclusive flock on ``path`` (waiting up to ``timeout`` s), with this pid written in it; the open
    descriptor holds the lock. When another process holds it, ``busy(its pid)`` is raised."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "?"
                os.close(fd)
                raise busy(holder) from None
            time.sleep(0.2)
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode(), 0)
    return fd


class WriterLock:
    """Hold the index directory's writer lock; waits up to ``timeout`` seconds, then refuses.

    >>> with WriterLock(index_dir, timeout=0):
    ...     ...  # index
    """

    def __init__(self, index_dir: Path, timeout: float = 0.0):
        self.path = Path(index_dir) / ".writer.lock"
        self.timeout = timeout
        self._fd: int | None = None

    def __enter__(self) -> "WriterLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = _lock_file(str(self.path), self.timeout, lambda holder: IndexBusy(
            f"another indexer (pid {holder}) is writing to {self.path.parent}; try again when it finishes"))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class StoreBusy(IndexBusy):
    """Another process has this index's embedded vector store open."""


_owned: dict[str, int] = {}  # real path of a store -> the descriptor holding its lock, for this process
_owned_lock = threading.Lock()


def own_store(store_dir: Path, timeout: float = 0.0) -> None:
    """Make this process the only one with the embedded Chroma store at ``store_dir`` open.

    Chroma's embedded store is not safe across processes (every process that opens it writes to it,
    and readers keep stale or half-written vector segments), so one process owns it at a time: the
    web chat for its lifetime, an indexer for its run. Other processes get :class:`StoreBusy` and fall
    back (queries use BM25 alone) or refuse (indexing). The lock dies with its process."""
    key = os.path.realpath(store_dir)
    with _owned_lock:
        if key in _owned:
            return
        Path(key).parent.mkdir(parents=True, exist_ok=True)
        lock_path = os.path.join(os.path.dirname(key), f".{os.path.basename(key)}-owner.lock")
        _owned[key] = _lock_file(lock_path, timeout, lambda holder: StoreBusy(
            f"the vectors of this index are open in another newsdesk process (pid {holder}); add files through "
            "its web chat, stop it, or share the index through a Chroma server (--chroma-url)"))


def owns_store(store_dir: Path) -> bool:
    return os.path.realpath(store_dir) in _owned


def release_store(store_dir: Path) -> None:
    """Give up ownership (after closing the store)."""
    key = os.path.realpath(store_dir)
    with _owned_lock:
        fd = _owned.pop(key, None)
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
