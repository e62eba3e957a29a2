"""Names typed in lower case ("who is turkey's defence minister?", "where did putin and erdogan meet"):
a word the articles write with a capital nearly everywhere it is not the first word of a sentence is a
name, and the question gets its capital back before it is analysed (names decide what a question is
about, and whether the articles mention it at all). So is a word that neither the articles nor the
dictionary know ("what has macron said …": the articles never mention Macron)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.language.lexicon import STOPWORDS
from assistant.language.wordnet import is_word

MIN_SEEN = 2  # a word the articles write fewer times than this mid-sentence is left as typed
MIN_CAPITALISED = 0.9  # ... and one they capitalise less often than this ("may", "march" as verbs)
#: a word with a word, comma or closing bracket before it on the same line: not the first of a sentence
_MID_SENTENCE = re.compile(r"(?<=[\w,;)\]’'] )([A-Za-z][a-z]+(?:-[A-Za-z][a-z]+)*)\b")
_LOWER_WORD = re.compile(r"\b[a-z]+(?:-[a-z]+)*\b")
_ANY_WORD = re.compile(r"[A-Za-z]+")
_CAPITALISED_LATER = re.compile(r"(?<=\S)\s+[\"'“‘(]?[A-Z]")
MIN_NAME = 3  # shorter unknown words ("ok", "uk") are left as typed


@dataclass(frozen=True)
class Casing:
    """``names``: lower-cased word -> the capitalised form the articles nearly always write it in
    ("turkey" -> "Turkey"); ``seen``: every word the articles use, lower-cased."""

    names: dict[str, str]
    seen: frozenset[str]


def casing_table(texts: Iterable[str]) -> Casing:
    """How the texts write their words."""
    written: Counter[str] = Counter()  # each form a word is written in mid-sentence, counted
    seen: set[str] = set()
    for text in texts:
        seen.update(_ANY_WORD.findall(text.lower()))
        written.update(_MID_SENTENCE.findall(text))
    forms: dict[str, list[tuple[int, str]]] = {}
    for form, count in written.items():
        forms.setdefault(form.lower(), []).append((count, form))
    names = {}
    for lower, counted in forms.items():
        total = sum(count for count, _ in counted)
        top, form = max(counted)
        if total >= MIN_SEEN and form != lower and top / total >= MIN_CAPITALISED and lower not in STOPWORDS:
            names[lower] = form
    return Casing(names, frozenset(seen))


def truecase(question: str, casing: Casing) -> str:
    """The question typed in lower case with its names capitalised as the articles write them, and the
    words no one knows capitalised as names. One that capitalises a name after its first word is left as
    it is: its writer marks names ("the Silicon Valley prodigy associated with OpenAI": a prodigy, though
    the articles write "Prodigy" for a company)."""
    if _CAPITALISED_LATER.search(question):
        return question
    def cased(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in casing.names:
            return casing.names[word]
        unknown = (len(word) >= MIN_NAME and word not in STOPWORDS and word not in casing.seen
                   and "-" not in word and not is_word(word))
        return word.capitalize() if unknown else word

    return _LOWER_WORD.sub(cased, question)
