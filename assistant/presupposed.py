"""Questions that take for granted what the articles only wish for: "When did the ceasefire agreed at the
summit take effect?" where the articles mention a ceasefire only as hoped for ("I hope that he will take
the necessary measures, such as a ceasefire"). The honest answer says so; the summit's date is no answer."""

from __future__ import annotations

from assistant.clause import WISHING_VERBS, event_nouns, wished
from assistant.evidence import Sentence
from assistant.lexicon import stem, words
from assistant.question import Question


def only_wished(question: Question, sentences: list[Sentence]) -> list[str]:
    """The question's nouns that it takes for granted as having happened ("the ceasefire agreed at the
    summit", :func:`~assistant.clause.event_nouns`) and that the sentences mention only inside what someone hopes for, demands or wants; none where the
    question itself asks about a wish ("What does Erdogan hope Putin will do?")."""
    if any(stem(w) in WISHING_VERBS for _, _, w in words(question.text)):
        return []
    nouns = set(event_nouns(question.text))
    found = []
    for term, word in question.terms.items():
        if term in question.entity_stems or word not in nouns:
            continue
        mentions = [(s, start) for s in sentences for start, _, w in words(s.text) if stem(w) == term]
        # a sentence with no wishing verb at all says it as it is (and is not parsed)
        if mentions and all(s.stems & WISHING_VERBS and wished(s.text, start) for s, start in mentions):
            found.append(word)
    return found
