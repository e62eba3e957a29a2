"""Counts a question gives to say which event it means ("the air raid that killed the 34 Turkish soldiers"):
a sentence that counts the same things otherwise ("19 Syrian troops") is about another event."""

from __future__ import annotations

import re

from assistant.language.lexicon import DEMONYMS, STOPWORDS, stem, words
from assistant.language.meaning import synonyms

#: "34 Turkish soldiers", "more than 13,000 refugees": a number (with how it is hedged) and the words after it
_COUNT = re.compile(r"\b(?:(more than|over|at least|fewer than|less than|under|nearly|almost|about|around|some|"
                    r"roughly|up to)\s+)?(\d[\d,]*)(?!\s*(?:%|per\s*cent|percent))\b", re.I)
_AT_LEAST = ("more than", "over", "at least")
_AT_MOST = ("fewer than", "less than", "under", "nearly", "almost", "up to")


def counts_in(text: str) -> dict[str, tuple[str, float, str]]:
    """stem of a counted noun -> (the noun as written, the number, its hedge) ("the 34 Turkish soldiers":
    {"soldier": ("soldiers", 34.0, "")}); the noun is the first word after the number that is neither a
    stop word nor a nationality, within two words."""
    found = {}
    for match in _COUNT.finditer(text):
        after = [w for _, _, w in words(text[match.end():match.end() + 60])][:2]
        noun = next((w for w in after if w.lower() not in STOPWORDS and w.lower() not in DEMONYMS
                     and not w[0].isdigit()), None)
        if noun is not None:
            found[stem(noun)] = (noun, float(match.group(2).replace(",", "")), (match.group(1) or "").lower())
    return found


def _agrees(asked: float, said: float, hedge: str) -> bool:
    """Is the question's number what the sentence's number, hedged as it is, allows ("more than 30" allows 34)?"""
    if hedge in _AT_LEAST:
        return asked >= said
    if hedge in _AT_MOST:
        return asked <= said
    if hedge:
        return abs(asked - said) <= 0.2 * said
    return asked == said


def counted_otherwise(asked: dict[str, tuple[str, float, str]], text: str) -> bool:
    """Does the text count the question's counted things (the same noun or a synonym) with a number that
    does not agree, and never with the question's ("19 Syrian troops" where 34 soldiers are asked)?"""
    if not asked:
        return False
    other = agree = False
    said = counts_in(text)
    for term, (noun, number, _) in asked.items():
        for said_term, (said_noun, said_number, hedge) in said.items():
            if said_term == term or synonyms(noun, said_noun):
                if _agrees(number, said_number, hedge):
                    agree = True
                else:
                    other = True
    return other and not agree
