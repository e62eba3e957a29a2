"""Answers that are a sentence, or a name given in one: what / why questions, and "what is it
called". The typed answers (when, where, who, how many) are in extractive.py."""

from __future__ import annotations

import re

from assistant.readers.extractive.spans import in_question
from assistant.language.clause import named_noun, verbs_of
from assistant.evidence.sentences import Sentence, quotes_the_asked, says_term
from assistant.language.lexicon import DEMONYMS, NUMBER_WORDS, SAYING, SAYING_STEMS, STOPWORDS, stem, words
from assistant.language.meaning import compound_of
from assistant.question.analyse import QType, Question
from assistant.readers.base import CitationList, Reading, abstention
from assistant.language.wordnet import noun_net

#: What is asked about (the question's words other than names) must be in the answering sentence.
MIN_FOCUS_COVERAGE = 0.5
#: a fragment ("It's finished.") may sit closest in meaning to anything: it speaks for a paraphrase only
#: with this many words of its own
MIN_PARAPHRASE_WORDS = 4
#: "… died in a Syrian airstrike as no one knew they were there": "as" with a state is a reason too (a
#: weaker sign: "as the two sat" says when), taken where no sentence gives a plainer one
_STATE_AS = re.compile(r"\bas\s+(?:[\w'’]+\s+){0,3}?(?:was|were|is|are|had|has|have|knew|knows|know|remained|remains|"
                       r"seemed|seems|needed|wanted)\b", re.I)
_SO_THAT = re.compile(r"so \w+ that", re.I)  # "so grave that it requires …": the state that demands it
_CAUSE = re.compile(rf"\b{_SO_THAT.pattern}\b|"
                    r"\bso(?: that)? (?:it|they|we|he|she|I|you) (?:won['’]t|will|would|can|could|may|might)\b|"
                    r"\b(?:because(?: of)?|(?<!is )(?<!are )(?<!was )(?<!were )due to|in a bid to|in order to|"
                    r"so as to|after|following|amid|since|as a result of|prompted by|in response to|to force|"
                    r"to prevent|to avoid|to stop)\b", re.I)
#: "What type of drones …" asks for a kind of the noun ("which model of the iPhone 14 series" asks for one
#: of a set, not for a kind of series)
_KIND_QUESTION = re.compile(r"\b(?:type|kind|sort|model|make|brand|class|variety)s?\s+of\s+(?!the\b|an?\b|its\b|their\b)"
                            r"((?:[\w'’-]+\s+){0,3}?[\w-]+)(?=\s+(?:did|does|do|is|are|was|were|has|have|had|will|would|"
                            r"can|could|that|which|used|in|on|at|for|by|to|of)\b|\s*[?,.]|\s*$)", re.I)
_NAMED_KINDS = ("person", "location")  # what a name names must be of the kind the question's noun is
#: ", such as a ceasefire" after a noun (a word or two may come between): an example of it
_EXAMPLE = re.compile(r"(?:\s+[\w'’-]+){0,2}?,?\s+(?:such as|like|including)\s+(?:(?:an?|the)\s+)?[\w'’-]+"
                      r"(?:\s+[\w'’-]+){0,3}?(?=\s*[,.;:\"”’)\]]|\s+and\b|\s*$)", re.I)
#: a relative clause on how the thing just named is bound to another: the reason left unsaid
_TIES = re.compile(r"(?<=[\w'’]),\s+(with|to|on) which\s+", re.I)
#: words whose "to …" says what is meant, wanted or done, not what for ("determined to avoid direct clashes")
_TAKES_INFINITIVE = frozenset(stem(w) for w in (
    "determined", "keen", "eager", "willing", "ready", "want", "wants", "wanted", "try", "tried", "trying",
    "plan", "planned", "decided", "vowed", "pledged", "promised", "refused", "hoped", "agreed", "seeks", "seeking",
    "continue", "continued", "need", "needs", "able", "failing", "failed", "going", "aims", "intends", "expected"))
#: "What did Putin tell Erdogan …" is answered by what Putin said, where a sentence gives it
SPEAKER_BONUS = 1.2
#: "What is the operation called?", "what's the name of …": the answer is a name given in the text …
_NAMING_QUESTION = re.compile(r"\b(?:called|named|dubbed|code-?named|code-?names?|known as|name of|name for|names?|calling (?:its?|the|their))\b", re.I)
#: … introduced by a naming word: "a full military operation, dubbed Operation Spring Shield"
_NAMED = re.compile(r"\b(?:dubbed|called|named|code-?named|known as|titled|nicknamed)\s+[\"'“‘]?"
                    r"((?:[A-Z][\w'’-]*)(?:\s+(?:(?:of|the|de|al|and)\s+)?[A-Z][\w'’-]*)*)")


def on_topic(sentence: Sentence, focus_coverage: float | None = None) -> bool:
    """Does the sentence speak of what is asked? Most of the question's words other than names, or
    some of them in the sentence closest in meaning (a paraphrase). ``focus_coverage``: that share
    counted with synonyms (default: the sentence's own, word for word)."""
    coverage = sentence.focus_coverage if focus_coverage is None else focus_coverage
    return coverage >= MIN_FOCUS_COVERAGE or (sentence.semantic_rank >= 0.999 and coverage >= MIN_FOCUS_COVERAGE / 4
                                              and len(sentence.content_words) >= MIN_PARAPHRASE_WORDS)


def focus_by_meaning(question: Question, sentence: Sentence, weights: dict[str, float]) -> float:
    """The weighted share of the question's words other than names that the sentence says, in its own
    words or a WordNet synonym ("allowing" for "let"); a verb of saying by any other ("What did Greek
    forces announce …": "Greek forces said")."""
    focus = {t: w for t, w in weights.items()
             if t not in question.entity_stems and t not in question.light and t not in question.particles}
    saying = bool(SAYING.search(sentence.text))
    said = sum(w for t, w in focus.items() if t not in sentence.foreign and (
               t in sentence.stems or (saying and t in SAYING_STEMS)
               or any(says_term(question, t, token) for token in sentence.content_words)))
    return said / sum(focus.values()) if focus else sentence.focus_coverage


def _names_the_asked(asked: str | None, sentence: Sentence, start: int) -> bool:
    """Could the thing named at ``start`` ("a full military operation, dubbed …") be what the question
    asks the name of? Not where one is a person or a place and the other is not ("the refugee" is a
    person, an operation is not; "its new offensive" and an operation are both neither)."""
    before = re.findall(r"[\w'’-]+", sentence.text[max(0, start - 60):start])
    nouns = noun_net()
    if asked is None or not before or nouns is None or not (nouns.knows(asked) and nouns.knows(before[-1])):
        return True  # nothing to compare: the name given stands
    return all(nouns.related(asked, kind) == nouns.related(before[-1], kind) for kind in _NAMED_KINDS)


def named_answer(question: Question, sentences: list[Sentence], threshold: float) -> Reading | None:
    """A "what is it called" answer: the best sentence (sharing a word with the question) that gives a
    name with "dubbed", "called", "known as" to the kind of thing asked about; None when no sentence does."""
    asked = named_noun(question.text)
    found = [(s, m) for s in sentences for m in _NAMED.finditer(s.text)
             if s.coverage > 0 and not in_question(m.group(1), question) and _names_the_asked(asked, s, m.start())]
    if not found:
        return None
    sentence, match = max(found, key=lambda pair: pair[0].score)
    if sentence.score < threshold:
        return abstention("the evidence is too weak", sentence.score)
    cites = CitationList()
    name = match.group(1)
    return Reading(f"{name} {cites.mark(sentence)}.\n\n{cites.quotes()}", name, cites.items, False, sentence.score)


def names_a(noun: str, token: str) -> bool:
    """Does ``token`` name a ``noun`` ("drones" a drone, "jets" an aircraft), by its word or a kind of it?"""
    nouns = noun_net()
    return stem(token) == stem(noun) or compound_of(token, noun) or (nouns is not None and nouns.kind_of(token, noun))


def _kind_given(question: Question, noun: str, sentence: Sentence, owners: set[str] = frozenset()) -> str | None:
    """The kind of ``noun`` the sentence gives: "Bayraktar drones", "live fire training exercises", "the
    necessary measures, such as a ceasefire" (an example names the kind); None where it names the thing with
    no word that tells its kind (a number, a nationality, a word of the question, whose it is (``owners``):
    "two regime planes", "Turkish drones")."""
    tokens = words(sentence.text)
    for i, (_, end, token) in enumerate(tokens):
        if not names_a(noun, token) or (i + 1 < len(tokens) and names_a(noun, tokens[i + 1][2])):
            continue  # the head is the last of "training exercises"
        start, told = tokens[i][0], False
        for before, after, modifier in reversed(tokens[max(0, i - 4):i]):
            if (sentence.text[after:start].strip(" -") or modifier.lower() in STOPWORDS or modifier[0].isdigit()
                    or modifier.lower() in NUMBER_WORDS or modifier.lower() in DEMONYMS
                    or stem(modifier) in question.stems or stem(modifier) in owners):
                break
            start, told = before, True
        example = _EXAMPLE.match(sentence.text, end)
        if example:
            return sentence.text[start:example.end()]
        if told:
            return sentence.text[start:end]
    return None


def _owners(question: Question, sentences: list[Sentence]) -> set[str]:
    """Words the articles give the question's nationality ("regime" in "the Syrian regime", asked about
    "Syrian aircraft"): before a noun they say whose it is ("regime planes"), not what kind."""
    owners = set()
    for sentence in sentences:
        tokens = [w for _, _, w in words(sentence.text)]
        owners |= {stem(b) for a, b in zip(tokens, tokens[1:]) if a.lower() in DEMONYMS and stem(a) in question.stems}
    return owners


def kind_answer(question: Question, ranked: list[Sentence], threshold: float,
                sentences: list[Sentence] = ()) -> Reading | None:
    """"What type of drones …": the kind the best matching sentences give, or an abstention where they
    name the thing but not its kind; None for other questions (``sentences``: all retrieved)."""
    asked = _KIND_QUESTION.search(question.text)
    if asked is None:
        return None
    owners = _owners(question, list(sentences) or ranked)
    found = [(s, kind) for s in ranked if s.score >= threshold
             for kind in [_kind_given(question, asked.group(1).split()[-1], s, owners)] if kind]
    if not found:
        return abstention(f"the articles do not say what {asked.group(0)} it is",
                          ranked[0].score * 0.5 if ranked else 0.0)
    sentence, kind = found[0]
    cites = CitationList()
    return Reading(f"{kind} {cites.mark(sentence)}.\n\n{cites.quotes()}", kind, cites.items, False, sentence.score)


def _asked(question: Question) -> set[str]:
    """The question's stems for what it asks, not who: no names, no support verbs."""
    return set(question.stems) - question.entity_stems - question.light


def _complement(text: str, cause: re.Match[str]) -> bool:
    """Is a "to avoid …" what the word before it takes ("determined to avoid"), not a purpose?"""
    before = re.findall(r"[\w'’-]+", text[max(0, cause.start() - 30):cause.start()])
    return cause.group(0).lower().startswith("to ") and bool(before) and stem(before[-1]) in _TAKES_INFINITIVE


def _causes(text: str) -> list[re.Match[str]]:
    """Where the text gives a reason: a causal word (not a "to …" a word before it takes), "as" with a
    state, or failing both, a relative clause on how the thing just named is bound to another."""
    found = [m for m in _CAUSE.finditer(text) if not _complement(text, m)]
    found += _STATE_AS.finditer(text)
    # "… clashes with Moscow, with which it shares significant defence and trade ties"
    return found or list(_TIES.finditer(text))


_CLAUSE_END = re.compile(r",[\"”’]?\s")  # "…, the President stressed"; "… our relations,” the President …"


def _clause_end(text: str, start: int) -> int:
    """Where the clause going on at ``start`` ends: the next comma (with a closing quote mark), or the end."""
    found = _CLAUSE_END.search(text, start)
    return found.start() if found else len(text)


def _reason(question: Question, sentence: Sentence) -> re.Match[str] | None:
    """Where the sentence gives a reason, for a why-question: a causal word, or "as" with a state; of
    several, the one nearest the question's own words ("troops … airstrike as no one knew", not "so dire
    that" further on)."""
    if question.qtype != QType.WHY:
        return None
    found = _causes(sentence.text)
    focus = _asked(question)
    asked = [start for start, _, word in words(sentence.text) if word.lower() not in STOPWORDS
             and any(says_term(question, term, word) for term in focus)]
    if not found or not asked:
        return found[0] if found else None
    return min(found, key=lambda m: min(abs(m.start() - a) for a in asked))


def _restates(question: Question, sentence: Sentence, cause: re.Match[str]) -> bool:
    """Does the reason clause say the question's own act and what it befell ("after the regime killed more
    than 30 Turkish soldiers", asked why the soldiers were killed)? Then it is the event, not its reason."""
    if _SO_THAT.match(cause.group(0)):  # "the crisis is so dire that a personal conversation is needed"
        clause = sentence.text[sentence.text.rfind(", ", 0, cause.start()) + 1:cause.end()]
    else:
        clause = sentence.text[cause.start():_clause_end(sentence.text, cause.end())]
    focus = _asked(question)
    acts = {stem(v) for v in verbs_of(question.text, describing=False)} & focus
    said = {t for t in focus for _, _, w in words(clause) if says_term(question, t, w)}
    return bool(acts & said) and bool(said - acts)


def sentence_answer(question: Question, ranked: list[Sentence], sentences: list[Sentence], weights: dict[str, float],
                    threshold: float) -> Reading:
    """What/why answers: the best sentence that speaks of what is asked (a why needs a reason in it)."""
    if question.qtype == QType.WHAT and _NAMING_QUESTION.search(question.text):
        named = named_answer(question, sentences, threshold)  # a name given anywhere in the passages
        if named is not None:
            return named
        if named_noun(question.text) is not None:  # "What was the name of the refugee …": a sentence is no name
            return abstention("the articles give no name for it", ranked[0].score * 0.5 if ranked else 0.0)
    kind = kind_answer(question, ranked, threshold, sentences) if question.qtype == QType.WHAT else None
    if kind is not None:
        return kind
    topical = {id(s): on_topic(s, focus_by_meaning(question, s, weights)) for s in ranked}
    speaking = question.stems_include_reporting and question.entity_stems
    best = max(ranked, key=lambda s: (topical[id(s)], s.score * (SPEAKER_BONUS if speaking and quotes_the_asked(question, s) else 1)))
    if question.qtype == QType.WHY and (cause := _reason(question, best)) is not None and _restates(question, best, cause):
        # "… after the regime killed more than 30 Turkish soldiers", asked why the soldiers were killed:
        # the event again, no reason for it; another sentence that gives one, if nearly as good a match
        others = [s for s in ranked if s is not best and topical[id(s)] and s.score >= 0.8 * best.score
                  and (r := _reason(question, s)) is not None and not _restates(question, s, r)]
        if not others:
            return abstention("no reason is given in the matching passages", best.score * 0.5)
        best = max(others, key=lambda s: s.score)
    elif question.qtype == QType.WHY and not _causes(best.text):
        # a why-question is answered by a sentence that gives a reason: the best such one, if it is
        # nearly as good a match
        reasons = [s for s in ranked if _causes(s.text) and topical[id(s)] == topical[id(best)]
                   and s.score >= 0.8 * best.score]
        best = max(reasons, key=lambda s: s.score, default=best)
    cause = _reason(question, best)
    confidence = best.score
    if not topical[id(best)]:
        return abstention("the articles do not mention what is asked", confidence * 0.5)
    if confidence < threshold:
        return abstention("the evidence is too weak", confidence)
    cites = CitationList()
    mark = cites.mark(best)
    short = best.text
    if question.qtype == QType.WHY:
        if cause is None:
            return abstention("no reason is given in the matching passages", confidence * 0.5)
        end = _clause_end(best.text, cause.end())
        begin = cause.start()
        if _SO_THAT.match(cause.group(0)):  # "the situation has become so grave that …": the whole clause
            begin = best.text.rfind(", ", 0, cause.start()) + 2 if ", " in best.text[:cause.start()] else 0
        short = best.text[begin:end].rstrip(" .")
        if _TIES.match(best.text, cause.start()):  # "it shares … ties with Moscow"
            named = re.findall(r"[\w'’-]+", best.text[:cause.start()])[-1]
            short = f"{best.text[cause.end():end].rstrip(' .')} {cause.group(1)} {named}"
        short = short[0].upper() + short[1:]
    text = f"{short} {mark}"
    return Reading(f"{text}\n\n{cites.quotes()}", short, cites.items, False, confidence)
