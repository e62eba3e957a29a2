"""Newsdesk's indexing half: load, clean, chunk and embed news articles into Chroma and BM25.

Light to import: heavy parts (Chroma, onnxruntime, spaCy) load when first used.
"""

from index.config import IndexConfig
from index.models import Article, Chunk

__all__ = ["Article", "Chunk", "IndexConfig"]
