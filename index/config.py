"""Where the index lives and how it is built: one place for paths, URLs and knobs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ENV_INDEX_DIR = "NEWSDESK_INDEX_DIR"
ENV_CHROMA_URL = "NEWSDESK_CHROMA_URL"
DEFAULT_COLLECTION = "newsdesk"
EMBEDDING_MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"  # the packaged model (index/embedding.py)
SAMPLE_CORPUS = Path(__file__).parent / "sample_corpus"


def default_index_dir() -> Path:
    """``$NEWSDESK_INDEX_DIR``, else ``$XDG_DATA_HOME/newsdesk/index`` (``~/.local/share/...``)."""
    if os.environ.get(ENV_INDEX_DIR):
        return Path(os.environ[ENV_INDEX_DIR]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "newsdesk" / "index"


@dataclass(frozen=True)
class ChunkingConfig:
    """Chunk sizes: a tiktoken budget and the embedder's window, both always respected."""

    max_tokens: int = 256  # tiktoken cl100k_base tokens per chunk
    overlap_tokens: int = 32  # trailing sentences carried into the next chunk, at most this many tokens
    window_tokens: int = 256  # the embedder's window in wordpieces, [CLS] and [SEP] included

    def fingerprint(self) -> str:
        return f"tt{self.max_tokens}-ov{self.overlap_tokens}-win{self.window_tokens}"


@dataclass(frozen=True)
class IndexConfig:
    """Everything needed to open an index: its directory, and optionally a Chroma server."""

    index_dir: Path = field(default_factory=default_index_dir)
    chroma_url: str | None = None
    collection: str = DEFAULT_COLLECTION
    chunking: ChunkingConfig = field(default_factory=ChunkingConfig)
    max_file_mb: float = 20.0

    @classmethod
    def resolve(cls, index_dir: str | os.PathLike | None = None, chroma_url: str | None = None,
                **kwargs) -> "IndexConfig":
        """Arguments first, then the environment, then defaults."""
        directory = Path(index_dir).expanduser() if index_dir else default_index_dir()
        url = chroma_url or os.environ.get(ENV_CHROMA_URL) or None
        return cls(index_dir=directory, chroma_url=url, **kwargs)

    @property
    def docstore_path(self) -> Path:
        return self.index_dir / "newsdesk.sqlite3"

    @property
    def chroma_path(self) -> Path:
        return self.index_dir / "chroma"

    @property
    def bm25_path(self) -> Path:
        return self.index_dir / "bm25"

    @property
    def uploads_dir(self) -> Path:
        return self.index_dir / "uploads"
