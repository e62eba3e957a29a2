"""Questions that take for granted what the articles only wish for: "When did the ceasefire agreed at the
summit take effect?" where the articles mention a ceasefire only as hoped for ("I hope that he will take
the necessary measures, such as a ceasefire"). The honest answer says so; the summit's date is no answer."""

from __future__ import annotations

from assistant.language.clause import WISHING_VERBS, event_nouns, wished
from assistant.evidence.sentences import Sentence
from assistant.language.lexicon import stem, words
from assistant.question.analyse import Question


def only_wished(question: Question, sentences: list[Sentence]) -> list[str]:
    """The question's nouns that it takes for granted as having happened ("the ceasefire agreed at the
    summit", :func:`~assistant.clause.event_nouns`) and that the sentences mention only inside what
    someone hopes for, demands or wants; none where the question itself asks about a wish ("What does
    Erdogan hope Putin will do?"). The parser is loaded only where a word is in doubt."""
    if any(stem(w) in WISHING_VERBS for _, _, w in words(question.text)):
        return []
    # first without the parser: a word some sentence without any wishing verb mentions is said as it is
    suspects = {}
    for term, word in question.terms.items():
        mentions = [(s, start) for s in sentences for start, _, w in words(s.text) if stem(w) == term]
        if term not in question.entity_stems and mentions and all(s.stems & WISHING_VERBS for s, _ in mentions):
            suspects[word] = mentions
    if not suspects:
        return []
    nouns = set(event_nouns(question.text))
    return [word for word, mentions in suspects.items()
            if word in nouns and all(wished(s.text, start) for s, start in mentions)]
