"""Who speaks a quotation whose speaker the article names only after it, or only as "he" or "she":

    Russia attaches "great importance …", Kremlin spokesman Dmitry Peskov said on Monday.
    "Our militaries are in constant contact. The main thing is … Putin and Erdogan," he said.

"Our militaries are in constant contact." is Peskov's: the quotation closes in the next sentence, with
"he said", and "he" is the last one named saying something before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.language.entities import Entity
from assistant.evidence.sentences import Sentence
from assistant.language.lexicon import SAYING

_OPENING = ('"', "“")
#: a quotation closing, and who said it: '…," he said', '…" Peskov added'
_CLOSED_BY = re.compile(r"[,.!?…]\s*[\"”]\s*,?\s*(?P<who>he|she|the\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+|(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]*)\s+"
                        rf"{SAYING.pattern}")
_PRONOUN = frozenset(("he", "she"))
SENTENCES_SPANNED = 3  # how far on a quotation is followed to where it closes
SENTENCES_BACK = 3  # how far back "he" is looked up


def _following(sentence: Sentence, sentences: list[Sentence]) -> list[Sentence]:
    later = sorted((s for s in sentences if s.doc_id == sentence.doc_id and s.start >= sentence.start),
                   key=lambda s: s.start)
    return later[:SENTENCES_SPANNED]


def _closing(sentence: Sentence, sentences: list[Sentence]) -> tuple[Sentence, re.Match[str]] | None:
    """The sentence where the quotation ``sentence`` closes, with its "he said": the sentence itself, or
    one of the next where it opens one (a middle sentence without quotation marks is not followed)."""
    own = _CLOSED_BY.search(sentence.text)
    if own is not None or not sentence.text.startswith(_OPENING):
        return (sentence, own) if own is not None else None
    for later in _following(sentence, sentences):
        found = _CLOSED_BY.search(later.text)
        if found:
            return later, found
        if later is not sentence and later.text.startswith(_OPENING):
            return None  # another quotation begins before this one closes
    return None


def _named_before(sentence: Sentence, sentences: list[Sentence],
                  tag: Callable[[list[str]], list[list[Entity]]]) -> tuple[Sentence, Entity] | None:
    """The last person named saying something in the sentences before ``sentence`` ("Kremlin spokesman
    Dmitry Peskov said"), within ``SENTENCES_BACK``."""
    earlier = sorted((s for s in sentences if s.doc_id == sentence.doc_id and s.end <= sentence.start),
                     key=lambda s: -s.start)[:SENTENCES_BACK]
    for before, entities in zip(earlier, tag([s.text for s in earlier])):
        for entity in reversed(entities):
            after = before.text[entity.end:entity.end + 30]
            if entity.label == "PERSON" and re.match(rf"\s+{SAYING.pattern}", after, re.I):
                return before, entity
    return None


def quotation_speaker(sentence: Sentence, sentences: list[Sentence],
                      tag: Callable[[list[str]], list[list[Entity]]]) -> tuple[str, Sentence] | None:
    """Who says the quotation ``sentence`` opens, where the article names them only where it closes or
    only as "he"/"she" there: their name and the sentence that names them; None when the sentence opens
    no quotation, or its speaker is named in it or cannot be told."""
    closing = _closing(sentence, sentences)
    if closing is None:
        return None
    closed_in, found = closing
    if found.group("who").lower() not in _PRONOUN:
        return (found.group("who"), closed_in) if closed_in is not sentence else None
    named = _named_before(sentence, sentences, tag)
    return (named[1].text, named[0]) if named is not None else None
