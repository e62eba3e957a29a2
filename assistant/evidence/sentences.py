"""Evidence sentences: the sentences of the retrieved passages, scored against the question."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from assistant.evidence.safety import is_instruction
from assistant.language.lexicon import STOPWORDS, stem, words
from assistant.question.analyse import Question
from assistant.types import Passage
from index.textutil import sentence_spans

NAME_WEIGHT = 1.5  # a name of the question counts this many times its IDF


@dataclass
class Sentence:
    """One sentence of an article, with offsets into the article's cleaned text."""

    doc_id: str
    start: int
    end: int
    text: str
    passage: Passage
    rank: int  # the passage's retrieval rank
    stems: set[str] = field(default_factory=set)
    semantic: float = 0.0  # cosine similarity between the question and this sentence (late-chunked vector)
    semantic_rank: float = 0.0  # the same, scaled 0..1 among the candidate sentences
    coverage: float = 0.0  # weighted share of the question's words found here
    focus_coverage: float = 0.0  # ... of its words other than names (what it asks about)
    context_coverage: float = 0.0  # ... counting the sentence before it too
    score: float = 0.0

    @property
    def published(self) -> datetime | None:
        return self.passage.published


def sentence_stems(text: str) -> set[str]:
    return {stem(w) for _, _, w in words(text) if w.lower() not in STOPWORDS}


def collect_sentences(passages: list[Passage]) -> list[Sentence]:
    """Every sentence of the passages, once, in retrieval order."""
    seen: set[tuple[str, int]] = set()
    sentences: list[Sentence] = []
    for rank, passage in enumerate(passages):
        for s, e in sentence_spans(passage.text):
            key = (passage.doc_id, passage.start + s)
            if key in seen:
                continue
            seen.add(key)
            text = passage.text[s:e]
            if is_instruction(text):
                continue  # instructions inside an article are data, never evidence
            sentences.append(Sentence(passage.doc_id, passage.start + s, passage.start + e, text, passage, rank,
                                      sentence_stems(text)))
    return sentences


def weighted_share(said: set[str], weights: dict[str, float]) -> float:
    """The weighted share of the question's words (``weights``: stem → weight) that ``said`` holds."""
    total = sum(weights.values()) or 1.0
    return sum(w for stem, w in weights.items() if stem in said) / total


def term_weights(question: Question, idf: dict[str, float]) -> dict[str, float]:
    """How much each question stem matters: rarer words count more, and names more still."""
    names = question.entity_stems
    return {term: idf.get(term, 1.0) * (NAME_WEIGHT if term in names else 1.0) for term in question.stems}


def attach_semantic(sentences: list[Sentence], query_vector: np.ndarray | None,
                    sentence_vectors: dict[str, tuple[list[tuple[int, int]], np.ndarray]]) -> None:
    """Set each sentence's cosine similarity to the question from its chunk's stored sentence vectors."""
    if query_vector is None:
        return
    for sentence in sentences:
        stored = sentence_vectors.get(sentence.passage.chunk_id)
        if not stored:
            continue
        spans, vectors = stored
        local = (sentence.start - sentence.passage.start, sentence.end - sentence.passage.start)
        try:
            sentence.semantic = float(vectors[spans.index(local)] @ query_vector)
        except ValueError:
            continue


def score_sentences(question: Question, sentences: list[Sentence], weights: dict[str, float]) -> None:
    """Set the coverages and the score of each sentence (in place): the weighted share of the question's
    words it says (and with the sentence before it), its meaning's closeness to the question relative to
    the other sentences, and its passage's retrieval rank."""
    focus = {t: w for t, w in weights.items() if t not in question.entity_stems}
    has_focus = bool(sum(focus.values()))
    low = min((s.semantic for s in sentences), default=0.0)
    spread = max((s.semantic for s in sentences), default=0.0) - low
    previous: Sentence | None = None
    for sentence in sentences:
        said = sentence.stems
        sentence.coverage = weighted_share(said, weights)
        sentence.focus_coverage = weighted_share(said, focus) if has_focus else sentence.coverage
        before = previous.stems if previous and previous.doc_id == sentence.doc_id and previous.end <= sentence.start else set()
        sentence.context_coverage = weighted_share(said | before, weights)
        # meaning counts relative to the other candidate sentences: it ranks them well, paraphrases
        # included, but its absolute value says little about whether the answer is there
        sentence.semantic_rank = (sentence.semantic - low) / spread if spread > 0 else 0.0
        sentence.score = (0.45 * sentence.coverage + 0.1 * sentence.context_coverage + 0.35 * sentence.semantic_rank
                          + 0.1 / (1.0 + sentence.rank))
        previous = sentence
