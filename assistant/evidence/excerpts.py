"""Excerpts: the few sentences of the retrieved passages most likely to hold the answer, for a reader.

Each sentence is scored by its stored vector's cosine similarity to the question (the index keeps one
vector per sentence) plus the IDF-weighted share of the question's words it contains, with a small
bonus for its passage's retrieval rank. The best ones are taken until a token budget is spent, each
with the sentence before it for context, and grouped by article (title, source, publication date) in
the article's own order. Sentences that address the assistant are never excerpts (article text is data).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from assistant.evidence.sentences import Sentence, attach_semantic, collect_sentences, weighted_share
from assistant.evidence.inputs import ReaderInputs
from assistant.dates.resolve import format_date
from index.textutil import count_tokens

LEXICAL_WEIGHT = 0.5  # the IDF-weighted word overlap's weight beside the cosine similarity
RANK_WEIGHT = 0.05  # bonus of the first passage, falling as 1/(rank+1)
TOKEN_BUDGET = 400  # tiktoken tokens of excerpt text (sentences and their context)
MAX_SENTENCES = 6  # best sentences at most, before their context sentences are added


@dataclass
class Excerpt:
    """An article's selected sentences, in its order; ``n`` is its number in the prompt."""

    n: int
    sentences: list[Sentence]
    best: float  # the best score among its sentences
    chosen: set[int] = field(default_factory=set)  # indices (into sentences) chosen on merit, not as context

    @property
    def passage(self):  # the first sentence's passage: title, source, date
        return self.sentences[0].passage

    def header(self) -> str:
        p = self.passage
        date = format_date(p.published.date()) if p.published else "date unknown"
        return f"[{self.n}] {p.title} ({p.source or 'source unknown'}, published {date})"

    def body(self) -> str:
        parts: list[str] = []
        for i, sentence in enumerate(self.sentences):
            if i and not adjacent(self.sentences[i - 1], sentence):
                parts.append("…")
            parts.append(" ".join(sentence.text.split()))
        return " ".join(parts)

    def render(self) -> str:
        return f"{self.header()}\n{self.body()}"


def adjacent(a: Sentence, b: Sentence) -> bool:
    """Is ``b`` the sentence right after ``a`` in the same article?"""
    return a.doc_id == b.doc_id and 0 <= b.start - a.end <= 3


def score(inputs: ReaderInputs, sentences: list[Sentence]) -> None:
    """Set ``sentence.score`` for each candidate (in place)."""
    attach_semantic(sentences, inputs.query_vector, inputs.sentence_vectors)
    weights = inputs.idf or {s: 1.0 for s in inputs.question.stems}
    for sentence in sentences:
        lexical = weighted_share(sentence.stems, weights)
        sentence.coverage = lexical
        sentence.score = sentence.semantic + LEXICAL_WEIGHT * lexical + RANK_WEIGHT / (sentence.rank + 1)


def select_excerpts(inputs: ReaderInputs, token_budget: int = TOKEN_BUDGET,
                    max_sentences: int = MAX_SENTENCES) -> list[Excerpt]:
    """The best sentences with their preceding sentence, grouped by article, best article first."""
    sentences = collect_sentences(inputs.passages)
    if not sentences:
        return []
    score(inputs, sentences)
    previous: dict[int, int] = {}
    ordered = sorted(range(len(sentences)), key=lambda i: (sentences[i].doc_id, sentences[i].start))
    for a, b in zip(ordered, ordered[1:]):
        if adjacent(sentences[a], sentences[b]):
            previous[b] = a
    tokens = count_tokens([s.text for s in sentences])
    taken: dict[int, bool] = {}  # index -> chosen on merit
    spent = 0
    best_first = sorted(range(len(sentences)), key=lambda i: -sentences[i].score)
    for i in best_first[:max_sentences]:
        if i in taken and taken[i]:
            continue
        cost = 0 if i in taken else tokens[i]
        context = previous.get(i)
        context_cost = tokens[context] if context is not None and context not in taken else 0
        if spent + cost > token_budget and taken:
            break
        taken[i] = True
        spent += cost
        if context is not None and context not in taken and spent + context_cost <= token_budget:
            taken[context] = False
            spent += context_cost
    groups: dict[str, list[int]] = defaultdict(list)
    for i in taken:
        groups[sentences[i].doc_id].append(i)
    excerpts = []
    for members in groups.values():
        members.sort(key=lambda i: sentences[i].start)
        chosen = {k for k, i in enumerate(members) if taken[i]}
        excerpts.append(Excerpt(0, [sentences[i] for i in members],
                                max(sentences[i].score for i in members if taken[i]), chosen))
    excerpts.sort(key=lambda e: -e.best)
    for n, excerpt in enumerate(excerpts, 1):
        excerpt.n = n
    return excerpts
