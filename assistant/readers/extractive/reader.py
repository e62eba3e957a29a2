"""The extractive (instant) reader: grounded answers from the passages' own sentences, no LLM.

The sentences of the retrieved passages are scored against the question (its words weighted by rarity,
the sentence vectors' closeness, the passage's rank). A when / where / who / how-many question is
answered with a typed candidate from the best sentences (a date, a number, a person, an organisation or
a place: regexes and spaCy's entity labels), scored by its sentence and by how near it sits to the
question's words; the same answer in other articles adds to it. A what / why question is answered with
the best sentence itself.

One confidence, one threshold: for a typed answer, its share of its own and the runner-up's score (does
it stand out?); for a sentence, the weighted share of the question's words other than names it says
(does it speak of what is asked?). Where no typed answer stands out, the best sentence answers if it
says enough. The reader also abstains where the question names someone or something no article
mentions, and on yes/no questions, which it does not judge.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from assistant.evidence.sentences import Sentence, attach_semantic, collect_sentences, score_sentences, term_weights
from assistant.language.entities import EntityTagger
from assistant.language.lexicon import STOPWORDS, stem, words
from assistant.question.analyse import QType, Question
from assistant.readers.base import CitationList, ReaderInputs, Reading, abstention
from assistant.readers.extractive.candidates import (Candidate, date_candidates, labels_for, name_candidates,
                                                     number_candidates)

#: One threshold for every question, on the RealTime QA development half: the most right answers with at most
#: a quarter of the answerable questions answered wrongly (``bench_reader --readers extractive --threshold T``,
#: one run per value, since a typed answer under it falls back to a sentence; the README has the table).
ABSTAIN_THRESHOLD = 0.54
TOP_SENTENCES = 16  # sentences searched for a typed answer
SUPPORT = 0.35  # share of the same answer's score in another article that adds to it
#: For a "which city/country/state" question, names that look like another kind weigh less (word vectors).
PLACE_KINDS = {"city": "city", "town": "city", "capital": "city", "country": "country", "nation": "country",
               "state": "state"}


class ExtractiveReader:
    """Grounded answers from the passages' own sentences.

    >>> reading = ExtractiveReader().read(ReaderInputs(analyse("When is the summit?"), passages))
    """

    name = "extractive"

    def __init__(self, tagger: EntityTagger | None = None, threshold: float = ABSTAIN_THRESHOLD,
                 embed: Callable[[list[str]], np.ndarray] | None = None):
        self.tagger = tagger or EntityTagger()
        self.threshold = threshold
        self.embed = embed  # unit vectors for short texts: does a name look like a city or a country?

    def read(self, inputs: ReaderInputs) -> Reading:
        question = inputs.question
        sentences = collect_sentences(inputs.passages)
        if not sentences or not question.stems:
            return abstention("nothing in the articles matches the question")
        missing = missing_names(question, sentences)
        if missing:
            return abstention(f"the articles never mention {', '.join(missing)}")
        if question.qtype == QType.YES_NO:
            return abstention("the instant reader does not judge yes/no questions")
        attach_semantic(sentences, inputs.query_vector, inputs.sentence_vectors)
        score_sentences(question, sentences, term_weights(question, inputs.idf))
        ranked = sorted(sentences, key=lambda s: -s.score)[:TOP_SENTENCES]
        if question.qtype in (QType.WHEN, QType.WHERE, QType.WHO, QType.HOW_MANY):
            return self._typed(question, ranked)
        return self._sentence(ranked)

    # -- typed answers ----------------------------------------------------------------------------
    def _candidates(self, question: Question, sentences: list[Sentence]) -> list[Candidate]:
        if question.qtype == QType.WHEN:
            return [c for s in sentences for c in date_candidates(question, s)]
        if question.qtype == QType.HOW_MANY:
            return [c for s in sentences for c in number_candidates(question, s)]
        labels = labels_for(question)
        tagged = self.tagger.tag([s.text for s in sentences])
        found = [c for s, entities in zip(sentences, tagged) for c in name_candidates(question, s, entities, labels)]
        self._weigh_by_type(question, found)
        return found

    def _weigh_by_type(self, question: Question, candidates: list[Candidate]) -> None:
        """For "which city/country/state" questions, weigh names by how much more their vector is like the
        asked kind's than like any other kind's; the likeliest keeps its score."""
        asked = [w.rstrip("s") for w in re.findall(r"\w+", (question.target or "").lower())]
        asked = [{"citie": "city", "countrie": "country"}.get(w, w) for w in asked]
        kind = next((PLACE_KINDS[w] for w in asked if w in PLACE_KINDS), None)
        if not candidates or kind is None or self.embed is None:
            return
        kinds = self.embed([kind, *sorted(set(PLACE_KINDS.values()) - {kind})])  # the asked kind first
        names = sorted({c.display for c in candidates})
        fit = {name: 1.0 / (1.0 + np.exp(-12.0 * float(v @ kinds[0] - max(v @ k for k in kinds[1:]))))
               for name, v in zip(names, self.embed(names))}
        best = max(fit.values())
        for c in candidates:
            c.score *= fit[c.display] / best

    @staticmethod
    def _groups(candidates: list[Candidate]) -> list[tuple[float, list[Candidate]]]:
        """Candidates with the same value grouped, best first; the best of each other article adds to the best."""
        groups: dict[str, list[Candidate]] = {}
        for candidate in candidates:
            groups.setdefault(candidate.key, []).append(candidate)
        scored = []
        for members in groups.values():
            members.sort(key=lambda c: -c.score)
            best_per_doc: dict[str, float] = {}
            for c in members:
                best_per_doc.setdefault(c.sentence.doc_id, c.score)
            others = sorted(best_per_doc.values(), reverse=True)[1:]
            scored.append((members[0].score + SUPPORT * sum(others), members))
        return sorted(scored, key=lambda item: -item[0])

    def _typed(self, question: Question, ranked: list[Sentence]) -> Reading:
        groups = self._groups(self._candidates(question, ranked))
        if not groups:
            return self._sentence(ranked)  # no name or number of the kind asked: the best sentence, if it says enough
        score, members = groups[0]
        runner_up = groups[1][0] if len(groups) > 1 else 0.0
        confidence = score / (score + runner_up) if score > 0 else 0.0
        if confidence < self.threshold:  # no name stands out: the best sentence, if it says enough
            return self._sentence(ranked)
        best = members[0]
        # per article, the mention whose sentence best matches the whole question backs it up
        supports, docs = [], set()
        for c in sorted((c for c in members if c.score >= 0.5 * best.score), key=lambda c: -c.sentence.score):
            if c.sentence.doc_id not in docs:
                docs.add(c.sentence.doc_id)
                supports.append(c)
        cites = CitationList()
        marks = "".join(cites.mark(c.sentence) for c in supports[:3])
        text = f"{best.display} {marks}."
        notes = list(dict.fromkeys(c.note for c in supports[:3] if c.note))
        if notes:
            text += f" ({'; '.join(notes)})"
        return Reading(f"{text}\n\n{cites.quotes()}", best.display, cites.items, False, confidence)

    # -- sentence answers -------------------------------------------------------------------------
    def _sentence(self, ranked: list[Sentence]) -> Reading:
        """What / why questions: the best sentence, where it says enough of what is asked."""
        best = ranked[0]
        if best.focus_coverage < self.threshold:
            return abstention("the articles do not say enough of what is asked", best.focus_coverage)
        cites = CitationList()
        mark = cites.mark(best)
        return Reading(f"{best.text} {mark}\n\n{cites.quotes()}", best.text, cites.items, False, best.focus_coverage)


def missing_names(question: Question, sentences: list[Sentence]) -> list[str]:
    """The question's names that no sentence (nor title) of the passages mentions: the articles cannot
    answer a question about them."""
    seen: set[str] = set().union(*(s.stems for s in sentences))
    seen |= {stem(w) for s in sentences for _, _, w in words(s.passage.title)}
    missing = []
    for name in question.entities:
        named = [stem(w) for _, _, w in words(name) if w.lower() not in STOPWORDS]
        if named and named[-1] not in seen:  # "World Cup" is not mentioned by "the whole world"
            missing.append(name)
    return missing
