"""Evidence sentences: the sentences of the retrieved passages, scored against the question."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from datetime import datetime

import numpy as np

from assistant.evidence.counts import counted_otherwise, counts_in
from assistant.language.places import UNGOVERNED, place_preposition_weight
from assistant.language.lexicon import DEMONYMS, SAYING, STOPWORDS, stem, words
from assistant.language.meaning import Similarity, capital_countries, compound_of, kin, same_act, synonyms
from assistant.question.analyse import QType, Question
from assistant.evidence.safety import is_instruction
from assistant.types import Passage
from assistant.language.wordnet import noun_net
from index.textutil import sentence_spans

PARTICLE_MEANT = 0.4  # word-vector similarity at which a word with the particle says the phrasal verb
OTHER_COUNT = 0.5  # weight of a sentence that counts the question's things otherwise ("19 troops" for 34)
SYNONYM_CHECKED = 8  # sentences, closest in meaning to the question, where synonyms count
SAME_FORCE = 0.8  # word vectors of two nouns for one body ("army"/"military" 0.90; "troops"/"army" 0.75)
KIN_CREDIT = 0.6  # share of a word's weight a kind of the same thing earns there ("doors" for "gates")
_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|denied|denies|deny|without|n't)\b", re.I)


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
    foreign: set[str] = field(default_factory=set)  # question stems said here only of another nation
    other_count: bool = False  # counts what the question counts, with another number: another event

    @property
    def published(self) -> datetime | None:
        return self.passage.published

    @cached_property
    def content_words(self) -> list[str]:
        """The sentence's words other than stop words, as written (for synonym checks)."""
        return [w for _, _, w in words(self.text) if w.lower() not in STOPWORDS]

    @property
    def negated(self) -> bool:
        return bool(_NEGATION.search(self.text))


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


def says_term(question: Question, term: str, token: str) -> bool:
    """Does the text's ``token`` say the question's ``term``: its stem, a WordNet synonym ("allowing" for
    "let") or a compound of it ("airstrike" for "hit")?"""
    word = question.terms.get(term, term)
    return stem(token) == term or synonyms(word, token) or kin(word, token) or compound_of(token, word)


def quotes_the_asked(question: Question, sentence: Sentence) -> bool:
    """Does the sentence give the words of someone the question names: a name or role of the question
    just before a saying verb ("…," the Turkish presidency said) or a name near it ("…, Putin told
    Erdogan")?"""
    for m in SAYING.finditer(sentence.text):
        before = " ".join(sentence.text[:m.start()].split()[-4:])
        if set(question.stems) & sentence_stems(before) or question.entity_stems & sentence_stems(
                sentence.text[max(0, m.start() - 30):m.end() + 30]):
            return True
    return False


def nation_nouns(text: str) -> dict[str, tuple[str, str]]:
    """Nouns a nationality comes with: stem -> (the noun as written, its country) ("Turkish soldiers":
    {"soldier": ("soldiers", "turkey")})."""
    found = {}
    tokens = [w for _, _, w in words(text)]
    for before, noun in zip(tokens, tokens[1:]):
        if before.lower() in DEMONYMS and noun.lower() not in STOPWORDS and noun.lower() not in DEMONYMS:
            found[stem(noun)] = (noun, DEMONYMS[before.lower()])
    return found


def said_of_another_nation(asked: dict[str, tuple[str, str]], sentence: Sentence,
                           similar: Similarity | None = None) -> set[str]:
    """The question's stems that the sentence says, in the same or a synonymous word, only of another
    nation ("Turkish soldiers" asked; "19 Syrian troops" said), and not in a word of like meaning of the
    nation asked ("Turkish military" asked; "the Turkish army … any Syrian military asset" said)."""
    if not asked:
        return set()
    tokens = [w for _, _, w in words(sentence.text)]
    other, same = set(), set()
    nouns = noun_net()
    for i, token in enumerate(tokens):
        before = tokens[i - 1].lower() if i else ""
        for term, (noun, country) in asked.items():
            if stem(token) == term or synonyms(noun, token):
                (other if before in DEMONYMS and DEMONYMS[before] != country else same).add(term)
            elif DEMONYMS.get(before) == country and ((nouns is not None and nouns.related(noun, token))
                                                      or (similar is not None and similar(noun, token) >= SAME_FORCE)):
                same.add(term)  # "the Turkish army" says the "Turkish military" asked of too
    return other - same


def _particles_of_said_verbs(question: Question, said: set[str]) -> set[str]:
    """The particles of the question's phrasal verbs whose verb the sentence says ("down" of "sit down"
    where "the two sat to the one-to-one"): the verb says the phrasal verb."""
    return {particle for particle in question.particles for phrase in question.terms.values()
            if phrase.lower().endswith(f" {particle}") and stem(phrase.split()[0]) in said}


def _particles_of_other_acts(question: Question, sentence: Sentence, similar: Similarity | None) -> set[str]:
    """The particles of the question's phrasal verbs ("down" in "sit down") that the sentence says only in
    a word for another act ("downed" planes); "downed" does say "bring down" (word vectors 0.48, against
    0.29 for "sit down")."""
    unmeant = set()
    for particle in question.particles & sentence.stems:
        phrasal = [w for w in question.terms.values() if w.lower().endswith(f" {particle}")]
        said = [w for _, _, w in words(sentence.text) if stem(w) == particle]
        if phrasal and not any(same_act(p, w) or (similar is not None and similar(p, w) >= PARTICLE_MEANT)
                               for p in phrasal for w in said):
            unmeant.add(particle)
    return unmeant


def term_weights(question: Question, idf: dict[str, float]) -> dict[str, float]:
    """How much each question stem matters: rarer words and names count more."""
    names = question.entity_stems
    weights = {}
    for term in question.stems:
        weight = idf.get(term, 1.0)
        if term in names:
            weight *= 1.5
        elif term in question.light:
            weight *= 0.3
        if term in question.background:
            weight *= 0.5
        weights[term] = weight
    return weights


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


def score_sentences(question: Question, sentences: list[Sentence], weights: dict[str, float],
                    similar: Similarity | None = None) -> None:
    """Set coverage and score on each sentence (in place); ``similar``: word vectors, for what a phrasal
    verb's particle says."""
    total = sum(weights.values()) or 1.0
    names = question.entity_stems
    focus = {t: w for t, w in weights.items() if t not in names}
    focus_total = sum(focus.values())
    low = min((s.semantic for s in sentences), default=0.0)
    spread = max((s.semantic for s in sentences), default=0.0) - low
    asked = nation_nouns(question.text)
    # "Did 40 soldiers die?" is answered No by the sentence that counts them otherwise
    given = counts_in(question.text) if question.qtype != QType.YES_NO else {}
    previous: Sentence | None = None
    for sentence in sentences:
        sentence.foreign = said_of_another_nation(asked, sentence, similar)
        sentence.other_count = counted_otherwise(given, sentence.text)
        said = sentence.stems - sentence.foreign - _particles_of_other_acts(question, sentence, similar)
        said |= _particles_of_said_verbs(question, said)
        sentence.coverage = sum(w for t, w in weights.items() if t in said) / total
        sentence.focus_coverage = (sum(w for t, w in focus.items() if t in said) / focus_total
                                   if focus_total else sentence.coverage)
        context = said | (previous.stems if previous and previous.doc_id == sentence.doc_id
                                    and previous.end <= sentence.start else set())
        sentence.context_coverage = sum(w for t, w in weights.items() if t in context) / total
        # meaning counts relative to the other candidate sentences: it ranks them well, paraphrases
        # included, but its absolute value says little about whether the answer is there
        sentence.semantic_rank = (sentence.semantic - low) / spread if spread > 0 else 0.0
        _combine(sentence)
        previous = sentence


def _combine(sentence: Sentence) -> None:
    prior = 1.0 / (1.0 + sentence.rank)
    sentence.score = (0.45 * sentence.coverage + 0.1 * sentence.context_coverage + 0.35 * sentence.semantic_rank
                      + 0.1 * prior) * (OTHER_COUNT if sentence.other_count else 1.0)


def _governments(text: str) -> dict[str, set[str]]:
    """The capitals a question names as governments, not as places ("Ankara" in "What is Ankara calling its
    offensive?", not "Moscow" in "Who met in Moscow?"), each with the stem of its country."""
    found = {}
    for start, _, word in words(text):
        countries = capital_countries([word])
        if countries and place_preposition_weight(text[:start]) == UNGOVERNED:
            found[stem(word)] = countries
    return found


@lru_cache(maxsize=4096)
def governed_countries(text: str) -> frozenset[str]:
    """The countries whose capitals the text names as governments ("Ankara remains determined …": turkey)."""
    return frozenset(c for countries in _governments(text).values() for c in countries)


def credit_synonyms(question: Question, sentences: list[Sentence], weights: dict[str, float],
                    top: int = SYNONYM_CHECKED) -> None:
    """The sentences closest in meaning to the question may say it in other words: there a question word
    counts (at 0.8) when a WordNet synonym of it is in the sentence ("halting" for "stopping"). Only
    those few sentences, since a word's commonest senses are not always the ones meant. (Whether a
    sentence is on topic at all is judged apart, with compounds too: ``sentence_answers.focus_by_meaning``;
    crediting compounds here as well cost a right answer.) A capital the question names as a government
    counts, in any sentence, where its country is named ("Ankara" for "Turkey confirmed …")."""
    total = sum(weights.values()) or 1.0
    names = question.entity_stems
    focus_total = sum(w for t, w in weights.items() if t not in names)
    governments = _governments(question.text)
    closest = {id(s) for s in sorted(sentences, key=lambda s: -s.semantic)[:top]}
    for sentence in sentences:
        extra = {}
        said = sentence.stems | sentence.foreign
        for t, w in weights.items():
            if t in said:
                continue
            if t in names:  # a name means one thing: any sentence may say it otherwise
                if (t in governments and governments[t] & said) or t in governed_countries(sentence.text):
                    extra[t] = 0.8 * w  # "What is Ankara calling …": "Turkey confirmed …"; and the other way round
                continue
            if id(sentence) not in closest:
                continue
            word = question.terms.get(t, t)
            if any(synonyms(word, token) for token in sentence.content_words):
                extra[t] = 0.8 * w
            elif any(kin(word, token) for token in sentence.content_words):
                extra[t] = KIN_CREDIT * w
        if not extra:
            continue
        gained = sum(extra.values())
        sentence.coverage += gained / total
        sentence.context_coverage += gained / total
        if focus_total:
            sentence.focus_coverage += gained / focus_total
        _combine(sentence)
