"""Sentence spans and tiktoken counts, loaded from data bundled in llama-index-core (never downloaded)."""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tiktoken
    from nltk.tokenize.punkt import PunktTokenizer


@lru_cache(maxsize=1)
def _llama_static_dir() -> Path:
    spec = importlib.util.find_spec("llama_index.core")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("llama-index-core is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "_static"


@lru_cache(maxsize=1)
def tiktoken_encoding() -> "tiktoken.Encoding":
    """``cl100k_base`` from the copy bundled in llama-index-core."""
    import tiktoken

    previous = os.environ.get("TIKTOKEN_CACHE_DIR")
    os.environ["TIKTOKEN_CACHE_DIR"] = str(_llama_static_dir() / "tiktoken_cache")
    try:
        return tiktoken.get_encoding("cl100k_base")
    finally:
        if previous is None:
            os.environ.pop("TIKTOKEN_CACHE_DIR", None)
        else:
            os.environ["TIKTOKEN_CACHE_DIR"] = previous


def count_tokens(texts: list[str]) -> list[int]:
    """tiktoken ``cl100k_base`` token counts."""
    encode = tiktoken_encoding().encode_ordinary  # the batch form starts a thread pool per call: slower here
    return [len(encode(text)) for text in texts]


@lru_cache(maxsize=1)
def _punkt() -> "PunktTokenizer":
    import nltk
    from nltk.tokenize.punkt import PunktTokenizer

    nltk_dir = str(_llama_static_dir() / "nltk_cache")
    if nltk_dir not in nltk.data.path:
        nltk.data.path.insert(0, nltk_dir)
    return PunktTokenizer("english")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in ``text[start:end]``; lines are never joined."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    punkt = _punkt()
    line_start = start
    while line_start < end:
        line_end = text.find("\n", line_start, end)
        line_end = end if line_end < 0 else line_end
        line = text[line_start:line_end]
        if line.strip():
            for s, e in punkt.span_tokenize(line):
                piece = line[s:e]
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece) - len(piece.rstrip())
                if e - trail > s + lead:
                    spans.append((line_start + s + lead, line_start + e - trail))
        line_start = line_end + 1
    return spans
