"""Chunking: whole sentences packed to a token budget, every chunk a verbatim span of its article.

Two budgets hold at once: at most ``max_tokens`` tiktoken tokens, and no more wordpieces than the
embedder reads (its window), so no chunk text ever goes unembedded. A sentence longer than either
budget is cut at word boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from index.config import ChunkingConfig
from index.models import Article, Chunk
from index.textutil import count_tokens, sentence_spans

#: Counts the embedder's wordpieces (special tokens excluded) of each text.
WindowCounter = Callable[[list[str]], list[int]]
_WORD = re.compile(r"\S{1,200}")  # words, with runs longer than 200 characters cut
SPECIAL_TOKENS = 2  # [CLS] and [SEP]


@dataclass
class _Unit:
    start: int
    end: int
    tokens: int
    window: int


class Chunker:
    """Split articles into sentence-preserving chunks.

    >>> chunker = Chunker(ChunkingConfig(), window_counter=embedder.count_wordpieces)
    >>> chunks = chunker.chunk(article)
    """

    def __init__(self, config: ChunkingConfig | None = None, window_counter: WindowCounter | None = None):
        self.config = config or ChunkingConfig()
        self.window_counter = window_counter or count_tokens

    def chunk(self, article: Article, header_window_tokens: int = 0) -> list[Chunk]:
        """Chunks of ``article.text``; ``header_window_tokens`` are reserved for text embedded with each chunk."""
        text = article.text
        token_budget = self.config.max_tokens
        window_budget = self.config.window_tokens - SPECIAL_TOKENS - header_window_tokens
        if window_budget < 32:
            raise ValueError("the embedder's window leaves too little room for a chunk")
        units = self._units(text, sentence_spans(text), token_budget, window_budget)
        chunks: list[Chunk] = []
        carried: list[_Unit] = []
        i = 0
        while i < len(units):
            current = list(carried)
            if not self._fits(current + [units[i]], token_budget, window_budget):
                current = []
            fresh = 0
            while i + fresh < len(units) and self._fits(current + [units[i + fresh]], token_budget, window_budget):
                current.append(units[i + fresh])
                fresh += 1
            if fresh == 0:  # a single unsplittable unit: the embedder windows it
                current, fresh = [units[i]], 1
            # per-sentence counts can miss a token where sentences join: verify the joined text
            while fresh > 1 and count_tokens([text[current[0].start:current[-1].end]])[0] > token_budget:
                current.pop()
                fresh -= 1
            chunks.append(self._make(article, len(chunks), current))
            i += fresh
            carried = self._overlap(current)
        return chunks

    @staticmethod
    def _fits(units: list[_Unit], token_budget: int, window_budget: int) -> bool:
        return (sum(u.tokens for u in units) <= token_budget
                and sum(u.window for u in units) <= window_budget)

    def _overlap(self, previous: list[_Unit]) -> list[_Unit]:
        """Trailing sentences of a chunk (never all of it) within the overlap budget."""
        carried: list[_Unit] = []
        for unit in reversed(previous[1:]):
            if sum(u.tokens for u in carried) + unit.tokens > self.config.overlap_tokens:
                break
            carried.insert(0, unit)
        return carried

    def _units(self, text: str, spans: list[tuple[int, int]], token_budget: int, window_budget: int) -> list[_Unit]:
        pieces = [text[s:e] for s, e in spans]
        tokens = count_tokens(pieces)
        windows = self.window_counter(pieces)
        units: list[_Unit] = []
        for (start, end), tok, win in zip(spans, tokens, windows):
            if tok <= token_budget and win <= window_budget:
                units.append(_Unit(start, end, tok, win))
            else:
                units.extend(self._split_long(text, start, end, token_budget, window_budget))
        return units

    def _split_long(self, text: str, start: int, end: int, token_budget: int, window_budget: int) -> list[_Unit]:
        """Cut an overlong sentence at word boundaries into pieces within both budgets."""
        words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
        word_texts = [text[s:e] for s, e in words]
        word_tokens = count_tokens(word_texts)
        word_windows = self.window_counter(word_texts)
        # per-word counts run a little over or under the joined text's: keep a margin, then verify
        tok_limit, win_limit = int(token_budget * 0.9), window_budget
        pieces: list[_Unit] = []
        i = 0
        while i < len(words):
            j, tok, win = i, 0, 0
            while j < len(words) and (j == i or (tok + word_tokens[j] <= tok_limit and win + word_windows[j] <= win_limit)):
                tok += word_tokens[j]
                win += word_windows[j]
                j += 1
            s, e = words[i][0], words[j - 1][1]
            exact_tok = count_tokens([text[s:e]])[0]
            exact_win = self.window_counter([text[s:e]])[0]
            if (exact_tok > token_budget or exact_win > window_budget) and j - i > 1:
                tok_limit = max(1, int(tok_limit * 0.8))
                win_limit = max(1, int(win_limit * 0.9))
                continue  # retry this piece with a tighter limit
            pieces.append(_Unit(s, e, exact_tok, exact_win))
            i = j
            tok_limit, win_limit = int(token_budget * 0.9), window_budget
        return pieces

    @staticmethod
    def _make(article: Article, seq: int, units: list[_Unit]) -> Chunk:
        start, end = units[0].start, units[-1].end
        text = article.text[start:end]
        return Chunk(doc_id=article.doc_id, seq=seq, start=start, end=end, text=text,
                     n_tokens=count_tokens([text])[0])
