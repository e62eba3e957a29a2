"""Yes/no questions: does a sentence state what is asked (yes), state its opposite (no), or leave it
open (the articles neither confirm nor deny it)?

A sentence states the question when nearly all of the question's words are in it, by word or by meaning
("troops" for "soldiers", "treasures" for "values", "airstrike" for "struck"). It states the opposite when
it negates that ("no one knew") or says it with an antonym ("keep the doors open" for "shut the border").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.language.clause import FRAMING_VERBS, SEEKING_VERBS, Clause, agents, avoided, predicate_doers, question_clause
from assistant.dates.durations import LASTING_BEFORE, LASTING_VERBS, durations
from assistant.evidence.sentences import KIN_CREDIT, Sentence, governed_countries, sentence_stems
from assistant.language.lexicon import EVENT_VERBS, LIGHT_VERBS, NO_ONE, SAYING_STEMS, stem, words
from assistant.language.meaning import Similarity, capital_countries, kin, loosely_same, means, opposite
from assistant.question.analyse import PERSON_NOUNS, Question
from assistant.readers.base import CitationList, Reading, abstention

#: Weighted share of the question's words a sentence must state for a yes or a no.
MIN_STATED = 0.8
SENTENCES_JUDGED = 8  # the best-scoring sentences that may answer
CONTEXT_CHARS = 400  # how far back a pronoun's name is looked for
AROUND_CREDIT = 0.5  # share of a word's weight said only just before the sentence in its passage
_PRONOUN = re.compile(r"\b(?:he|she|they|his|her|their)\b", re.I)
_ROLE_BEFORE_NAME = re.compile(rf"\b((?:[A-Z][a-z]+\s+)?(?i:{PERSON_NOUNS}))\s+((?:[A-Z][\w'’-]+\s+){{0,3}}[A-Z][\w'’-]+)")
_ROLE = re.compile(PERSON_NOUNS, re.I)
_NEGATED_QUESTION = re.compile(r"\b(?:not|n't|never)\b", re.I)
#: "knew where the soldiers were positioned": an indirect where-question, said by "knew their location"
_WHERE_CLAUSE = re.compile(r"\bwhere\s+(?:[\w'’-]+\s+){1,5}?(?:was|were|is|are|had been|have been)\s+([a-z]+ed)\b", re.I)
_LOCATION_NOUNS = frozenset(("location", "locations", "whereabouts", "position", "positions"))
#: "were at the site of the airstrike": where they were, said by "their location" or "they were there"
_ASKED_LOCATION = frozenset(stem(w) for w in (*_LOCATION_NOUNS, "site", "spot"))
_THERE = re.compile(r"\b(?:was|were|is|are)\s+there\b", re.I)
#: words for people speaking to each other: one says another where the question asks whether they spoke
_TALKING = SAYING_STEMS | frozenset(stem(w) for w in ("talk", "talked", "conversation", "converse", "discuss", "call"))
_DENIED_BEFORE = re.compile(r"(?:\b(?:not|never|no)|n['’]t)\s+(?:[\w'’]+\s+)?$", re.I)
#: a name that only sets the scene, last in the question ("… with Russia over Idlib?")
_SETTING_NAME = re.compile(r"\b(?:over|in|about)\s+([A-Z][\w'’-]+)\W*$")


def _setting_names(text: str) -> set[str]:
    """The stem of a name the question ends on, after "over", "in" or "about": what a sentence may leave
    to the one before it ("Ankara remains determined to avoid direct clashes …" after "… in an Idlib
    airstrike"). Who does what is never left to context."""
    found = _SETTING_NAME.search(text)
    return {stem(found.group(1))} if found else set()


@dataclass
class Judgement:
    """How much of the question a sentence states, and whether it says the opposite."""

    sentence: Sentence
    stated: float
    opposed: bool

    @property
    def answer(self) -> str:
        return "No" if self.opposed else "Yes"


def _says_clause(clause: Clause, text: str, similar: Similarity | None,
                 aliases: set[str] | frozenset[str], talking: bool) -> bool:
    """Is the question's predicate in the sentence, done by the question's subject (where the sentence
    names who does it)? "Erdogan opened Turkey's borders with Greece" does not say that Greece opened them;
    "the Turkish president vowed" says Erdogan did where his article gives him that role (``aliases``).
    Where the question asks whether people spoke, any word for speaking says it (``talking``: see
    :func:`_talks_of_talking`)."""
    doers = predicate_doers(clause, text, similar)
    if doers is None:
        return talking
    if clause.passive or not clause.subject:
        return True
    subject = {stem(w) for w in clause.subject}
    # someone else named as the doer ("shot dead by Greek border police" is not "Turkish forces shot")
    return any(named is None or subject & {stem(w) for w in named}
               or (bool(_ROLE.fullmatch(named[-1])) and subject <= aliases) for named in doers)


def _talks_of_talking(clause: Clause, text: str) -> bool:
    """Where the question asks whether people spoke ("had they spoken by phone?"), any word for speaking
    says it ("as I already told you in a telephone conversation")."""
    return stem(clause.predicate) in _TALKING and any(stem(w) in _TALKING for _, _, w in words(text))


def _talking_denied(text: str) -> bool:
    """Is the speaking itself denied ("never told", "did not speak")? What was said may be a denial ("I
    told you … no one knew") without saying that no one spoke."""
    return any(_DENIED_BEFORE.search(text[:start]) for start, _, w in words(text) if stem(w) in _TALKING)


def _avoids(clause: Clause, sentence: Sentence, similar: Similarity | None, aliases: set[str] | frozenset[str]) -> bool:
    """Does the sentence have the question's subject keep away from what the question asks whether it
    seeks ("Is Turkey looking for a fight with Russia?" - "Ankara remains determined to avoid direct
    clashes with … Moscow")? A doer named for the avoiding must be the subject (its capital counts)."""
    if not clause.sought:
        return False
    subject = {stem(w) for w in clause.subject}
    doers = agents(sentence.text)
    for avoidance in avoided(sentence.text):
        named = doers.get(avoidance.start)
        if named and subject and not subject & ({stem(w) for w in named} | capital_countries(named) | aliases):
            continue  # someone else avoids it
        if loosely_same(clause.sought_head, avoidance.head, similar):
            return True
    return False


def _no_one_does(clause: Clause, text: str, similar: Similarity | None) -> bool:
    """Does the sentence say that no one does the question's act ("no one knew" for "did the Syrian army
    know")? Then it says it of the question's subject too."""
    return any(stem(found.group(1)) == stem(clause.predicate) or means(clause.predicate, found.group(1), similar)
               for found in NO_ONE.finditer(text))


def _length_said(question: Question, sentence: Sentence, similar: Similarity | None) -> tuple[set[str], bool] | None:
    """Where the question asks whether something lasts a length of time ("is the trip to last several
    days?") and the sentence gives how long the question's thing lasts ("a one-day visit", "talks lasting
    three hours"): the question's stems that length answers, and whether the two lengths cannot agree."""
    asked = durations(question.text)
    if not asked:
        return None
    for said in durations(sentence.text):
        if said.noun:  # what lasts it must be the question's thing
            thing = {term for term, word in question.terms.items() if loosely_same(word, said.noun, similar)}
            if not thing:
                continue
        elif LASTING_BEFORE.search(sentence.text[:said.start]):
            thing = set()
        else:
            continue  # "a day after the attack" is when, not how long
        answered = sentence_stems(question.text[asked[0].start:asked[0].end]) | LASTING_VERBS | thing
        return answered, not asked[0].could_be(said)
    return None


def _answered_unsaid(question: Question, clause: Clause | None, sentence: Sentence, similar: Similarity | None,
                     avoids: bool, length: tuple[set[str], bool] | None, talking: bool) -> set[str]:
    """The question's stems the sentence answers, Yes or No, without saying them: what the subject avoids
    answers the seeking and what is sought; how long it lasts answers how long the question asks; "their
    location" answers where they were; "told you" answers "spoken"; "no one knew" answers who knew."""
    answered = {stem(w) for w in clause.sought} | SEEKING_VERBS | LIGHT_VERBS if avoids and clause else set()
    if length:
        answered |= length[0]
    placed = _WHERE_CLAUSE.search(question.text)
    says_where = bool(_LOCATION_NOUNS & {w.lower() for w in sentence.content_words} or _THERE.search(sentence.text))
    if placed and says_where:
        answered.add(stem(placed.group(1)))  # "where they were positioned"
    if says_where:
        answered |= _ASKED_LOCATION  # "at the site"
    if clause is not None and talking:
        answered.add(stem(clause.predicate))
    if clause is not None and clause.subject and _no_one_does(clause, sentence.text, similar):
        answered |= {stem(w) for w in clause.subject}
    return answered


def judge(question: Question, sentence: Sentence, weights: dict[str, float], context: set[str],
          similar: Similarity | None = None, aliases: frozenset[str] | set[str] = frozenset(),
          around: frozenset[str] | set[str] = frozenset()) -> Judgement:
    """How far ``sentence`` states the question; ``context``: the stems where the question's names may be
    (see :func:`_context`); ``aliases``: the names of the roles it mentions (:func:`_aliases`)."""
    clause = question_clause(question.text)
    avoids = clause is not None and _avoids(clause, sentence, similar, aliases)
    length = _length_said(question, sentence, similar)
    talking = clause is not None and _talks_of_talking(clause, sentence.text)
    if clause is not None and not avoids and not length and not _says_clause(clause, sentence.text, similar, aliases,
                                                                               talking):
        return Judgement(sentence, 0.0, False)
    answered_stems = _answered_unsaid(question, clause, sentence, similar, avoids, length, talking)
    tokens = sentence.content_words
    setting = _setting_names(question.text)
    total = stated = conjoined = 0.0
    flips = int(avoids) + int(bool(length and length[1]))
    other_act = {stem(w) for w in clause.conjoined} if clause is not None else set()
    for term, weight in weights.items():
        if term in FRAMING_VERBS or term in EVENT_VERBS:
            continue  # "is he planning (or did he vow) to shut it" is answered by what he does with it;
            # "when the airstrike happened" by the airstrike
        if term in other_act and term not in sentence.stems:
            conjoined += weight  # counted below unless the sentence denies the asked act
            continue
        total += weight
        if term in sentence.stems or (term in question.entity_stems and term in context):
            stated += weight
        elif term in around and term in setting:
            stated += AROUND_CREDIT * weight  # "… over Idlib": the sentence before says where
        elif term in question.entity_stems:
            return Judgement(sentence, 0.0, False)  # about someone else
        elif term in answered_stems:
            stated += weight
        else:
            word = question.terms.get(term, term)
            if any(opposite(word, t) for t in tokens):
                stated += weight
                flips += 1
            elif any(means(word, t, similar) for t in tokens):
                stated += 0.8 * weight
            elif any(kin(word, t) for t in tokens):
                stated += KIN_CREDIT * weight  # "doors" for "gates"
            elif term in around:
                stated += AROUND_CREDIT * weight  # "the doors" after the sentence before's "migrant burden"
    denied = _talking_denied(sentence.text) if talking else sentence.negated
    negated = denied != bool(_NEGATED_QUESTION.search(question.text))
    opposed = negated != (flips % 2 == 1)
    if not opposed:  # "Did he back down and say …?": a No to saying it is a No to both; a Yes needs both
        total += conjoined
    return Judgement(sentence, stated / total if total else 0.0, opposed)


def role_names(sentences: list[Sentence]) -> dict[tuple[str, str], set[str]]:
    """Roles written before a name, per article: ("doc", "turkish president") and ("doc", "president") ->
    the stems of "Recep Tayyip Erdogan" (from "Turkish President Recep Tayyip Erdogan"), so that "the
    Turkish president" names him, and "the president" where the article gives no one else that role."""
    found: dict[tuple[str, str], set[str]] = {}
    ambiguous = set()
    for sentence in sentences:
        for match in _ROLE_BEFORE_NAME.finditer(sentence.text):
            role, name = match.group(1).lower(), sentence_stems(match.group(2))
            for key in {(sentence.doc_id, role), (sentence.doc_id, role.split()[-1])}:
                if found.setdefault(key, name) != name and not (found[key] & name):
                    ambiguous.add(key)  # two presidents: "the president" names neither
    return {key: names for key, names in found.items() if key not in ambiguous}


def _aliases(sentence: Sentence, roles: dict[tuple[str, str], set[str]]) -> set[str]:
    """The names of those the sentence calls by the role its article gives them ("the Turkish president")."""
    return {name for (doc_id, role), names in roles.items()
            if doc_id == sentence.doc_id and re.search(rf"\bthe {re.escape(role)}\b", sentence.text, re.I)
            for name in names}


def _context(sentence: Sentence, aliases: set[str], before: str) -> set[str]:
    """The stems a name may be found in: the sentence; the names of the roles it mentions; where it says
    "he" or "they", what its article says just before it (``before``: "… Putin said. Russia, he pointed
    out, …"; not the title, which may name several people); the countries of the capitals it names other than as places
    ("Ankara remains determined …": Turkey; "in Moscow" is not Russia)."""
    stems = sentence.stems | aliases | governed_countries(sentence.text)  # "in Moscow" is a place, "Moscow said" not
    if _PRONOUN.search(sentence.text):
        stems |= sentence_stems(before)
    return stems


def _text_before(sentence: Sentence, sentences: list[Sentence]) -> str:
    """What its article says just before the sentence (up to ``CONTEXT_CHARS``): in its passage, or in
    another retrieved passage where its own begins with it."""
    before = sentence.passage.text[:sentence.start - sentence.passage.start]
    if len(before) < CONTEXT_CHARS:
        earlier = sorted((s for s in sentences if s.doc_id == sentence.doc_id and s.end <= sentence.start - len(before)
                          and s.start >= sentence.start - CONTEXT_CHARS), key=lambda s: s.start)
        before = " ".join([*(s.text for s in earlier), before])
    return before[-CONTEXT_CHARS:]


def yes_no_answer(question: Question, ranked: list[Sentence], weights: dict[str, float],
                  threshold: float, similar: Similarity | None = None, sentences: list[Sentence] = ()) -> Reading:
    """Yes or No with the sentence that says so, or an abstention when no sentence states the question
    (``sentences``: all those retrieved, for what comes before a judged one)."""
    retrieved = list(sentences) or ranked
    roles = role_names(retrieved)  # the roles an article gives, wherever it gives them
    judged = []
    for sentence in ranked[:SENTENCES_JUDGED]:
        aliases = _aliases(sentence, roles)
        before = _text_before(sentence, retrieved)
        judged.append(judge(question, sentence, weights, _context(sentence, aliases, before), similar, aliases,
                            sentence_stems(before)))
    best = max(judged, key=lambda j: (j.stated >= MIN_STATED, j.sentence.score))
    if best.stated < MIN_STATED:
        return abstention("the articles neither confirm nor deny it", best.sentence.score * 0.5)
    if best.sentence.score < threshold:
        return abstention("the evidence is too weak", best.sentence.score)
    cites = CitationList()
    mark = cites.mark(best.sentence)
    return Reading(f"{best.answer}: “{best.sentence.text}” {mark}\n\n{cites.quotes()}", best.answer, cites.items,
                   False, best.sentence.score)
