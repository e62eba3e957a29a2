"""Question analysis: what kind of answer is wanted, about what, with which names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

from assistant.language.lexicon import STOPWORDS, stem, words
from index.textutil import sentence_spans

MAX_QUESTION_CHARS = 2000
DURATION = "duration"  # the target of a "how long" question
MONEY = "money"  # the target of a "how much did it cost" question


class QType(str, Enum):
    WHEN = "when"
    WHERE = "where"
    WHO = "who"
    HOW_MANY = "how many"
    WHY = "why"
    YES_NO = "yes-no"
    WHAT = "what"


PLACE_NOUNS = (r"(?:city|cities|country|countries|town|towns|village|villages|district|districts|neighbou?rhood|"
               r"continent|place|region|province|capital|state|nation|location|venue|border|area)")
TIME_NOUNS = r"(?:date|day|time|year|month|week|hour)"
#: bodies a who-question may ask for: answered by an organisation's name
ORG_NOUNS = (r"(?:compan(?:y|ies)|organi[sz]ations?|groups?|agency|agencies|ministry|ministries|firms?|outlets?|"
             r"publications?|teams?|party|parties|body|bodies|authority|authorities|institutions?|departments?|"
             r"governments?|administrations?)")
PERSON_NOUNS = (r"(?:person|people|leader|leaders|president|minister|official|officials|spokesman|spokeswoman|spokesperson|"
                rf"reporter|journalist|man|woman|politician|ceo|founder|country|player|coach|judge|lawyer|individual|"
                rf"entity|figure|{ORG_NOUNS})")
_AUX = r"(?:is|are|was|were|do|does|did|will|would|can|could|should|has|have|had|may|might|must)"

#: "What is the name of the Kremlin spokesman / the province …": a who or where question
_NAME_OF = (r"^\s*what(?:'s|\s+is|\s+was|\s+are|\s+were)\s+the\s+(?:full\s+)?names?\s+of\s+(?:the\s+|an?\s+|its\s+|their\s+)?"
            r"(?:[\w'’-]+\s+){0,3}?")
RULES: list[tuple[QType, re.Pattern[str]]] = [
    (QType.HOW_MANY, re.compile(r"\bhow (?:many|much)\b|\bwhat (?:number|percentage|proportion|share|amount) of\b|\bhow (?:long|far|old|big|large)\b", re.I)),
    (QType.WHEN, re.compile(rf"^\s*(?:and\s+|so\s+|but\s+)?when\b|\b(?:what|which) {TIME_NOUNS}\b|\bon what\b|\bhow soon\b|\bby when\b|\bwhen\b", re.I)),
    # "in which Syrian province", not "what did the state …"
    (QType.WHERE, re.compile(rf"^\s*(?:and\s+|so\s+)?where\b|\b(?:in|to|at|from)? ?(?:what|which) (?:(?!{_AUX}\b)[\w-]+ ){{0,2}}"
                             rf"{PLACE_NOUNS}\b|\bwhere\b|"
                             rf"{_NAME_OF}{PLACE_NOUNS}\b|"
                             r"\b(?:in|to|at|from) (?:what|which) parts? of\b", re.I)),  # "in what part of Syria"
    (QType.WHY, re.compile(r"\bwhy\b|\bfor what reason\b|\bwhat (?:caused|prompted|led to|triggered|sparked|was the reason)\b|\bhow come\b|"
                            # "what was Erdogan's aim in letting migrants go …": what for
                            r"\bwhat\s+(?:is|was|are|were)\s+(?:[\w'’-]+\s+){0,3}?(?:aims?|goals?|purposes?|motives?|"
                            r"motivations?|intentions?|objectives?|rationale)\s+(?:in|of|behind|for)\b|"
                            # "how did the strike end up killing …", "how did they come to …": what brought it about
                            rf"\bhow {_AUX} (?:[\w'’-]+ ){{1,8}}?(?:end(?:ed)? up|c[oa]me to|happen(?:ed)? to)\b", re.I)),
    # "which Kremlin official", but not "what did the Turkish president hope …" (there "what" is the object)
    (QType.WHO, re.compile(rf"\bwho(?:m|se)?\b|\b(?:which|what) (?:(?!{_AUX}\b)[\w-]+ ){{0,3}}{PERSON_NOUNS}\b|"
                           rf"{_NAME_OF}{PERSON_NOUNS}\b", re.I)),
    (QType.YES_NO, re.compile(rf"^\s*(?:and\s+|so\s+)?{_AUX}(?:n't| not)?\b", re.I)),
    (QType.WHAT, re.compile(r"\b(?:what|which)\b", re.I)),
]
_WH_WORDS = frozenset("what when where who whom whose which why how many much".split())
_WH_STEMS = frozenset(stem(w) for w in _WH_WORDS)
_ENTITY = re.compile(r"(?<![\w’'])(?:[A-Z][\w’'.-]*|al-[A-Z][\w-]*)(?:\s+(?:(?:of|de|al|bin|von|van|the|and)\s+)?(?:[A-Z][\w’'.-]*|al-[A-Z][\w-]*))*")
_MADE_FROM_NAME = re.compile(r"\b([A-Z][\w.]*)-[a-z][\w-]*")  # "Moscow-backed": the name it is made from
#: "what number of" counts what follows, as "how many" does
_TARGET_LEAD = re.compile(r"\b(?:how many|how much|what (?:number|percentage|proportion|share|amount)(?= of\b)|which|what)\s+", re.I)
_TYPE_NOUNS = re.compile(rf"^(?:{PLACE_NOUNS}|{TIME_NOUNS})$", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class Question:
    """An analysed question."""

    text: str
    qtype: QType
    stems: list[str]  # content-word stems, wh-words and stop words left out
    terms: dict[str, str] = field(default_factory=dict)  # stem -> the word as written
    entities: list[str] = field(default_factory=list)  # capitalised names in the question
    target: str | None = None  # the noun asked about: "soldiers" in "how many soldiers ..."

    @property
    def entity_stems(self) -> set[str]:
        return {stem(w) for e in self.entities for _, _, w in words(e) if w.lower() not in STOPWORDS}

    @property
    def target_stems(self) -> set[str]:
        return {stem(w) for _, _, w in words(self.target or "") if w.lower() not in STOPWORDS}


class BadQuestion(ValueError):
    """The input is not a question we can work with; the message says why."""


def normalise_question(text: str) -> str:
    """Printable, single-spaced question text; BadQuestion when nothing usable is left."""
    if text is None:
        raise BadQuestion("the question is empty")
    text = unicodedata.normalize("NFC", str(text))
    text = _CONTROL.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise BadQuestion("the question is empty")
    if len(text) > MAX_QUESTION_CHARS:
        raise BadQuestion(f"the question is too long ({len(text):,} characters; the limit is {MAX_QUESTION_CHARS:,})")
    if not any(ch.isalnum() for ch in text):
        raise BadQuestion("the question has no words in it")
    return text


_ATTRIBUTION_LEAD = re.compile(r"^\s*(?:according to|in the words of|as per)\s+[^,?]{1,60},\s*", re.I)
#: "After the summit, did …", "When Erdogan met Putin, what did they agree?": the question starts after the comma
_LEAD_CLAUSE = re.compile(rf"^\s*(?:since|after|before|while|once|until|following|when|if|even|despite|although|though|"
                          rf"with|given|amid|in spite of)\b(?!\s+(?:when|what|how)\b)[^?]*?,\s*"
                          rf"(?=(?:{_AUX}|what|when|where|who|whom|whose|which|why|how)\b)", re.I)


def last_sentence(text: str) -> str:
    """The question's last sentence, where it asks ("Bob Saget, who starred in …, died. Which sitcom …?")."""
    spans = sentence_spans(text)
    return text[spans[-1][0]:spans[-1][1]] if spans else text


def question_type(text: str) -> QType:
    """The type the question's first question word asks for ("What did he say about who ..." is a what),
    read in its last sentence (a sentence before it sets the scene)."""
    best: tuple[tuple[int, int], QType] | None = None
    text = _LEAD_CLAUSE.sub("", _ATTRIBUTION_LEAD.sub("", last_sentence(text)))
    for order, (qtype, pattern) in enumerate(RULES):
        match = pattern.search(text)
        if match and (best is None or (match.start(), order) < best[0]):
            best = ((match.start(), order), qtype)
    return best[1] if best else QType.WHAT


def _name_parts(name: str) -> list[str]:
    """"Putin and Erdogan" -> two names; "Assad's Moscow-supported" -> "Assad", "Moscow": a possessive ends
    a name, and "Moscow-supported" is an adjective made from one."""
    parts = [p for chunk in re.split(r"['’]s\b", name) for p in re.split(r"\s+and\s+", chunk)]
    return [p for p in (_MADE_FROM_NAME.sub(r"\1", p).strip() for p in parts) if p]


def analyse(text: str) -> Question:
    """The question's type, content stems, names and target noun."""
    text = normalise_question(text)
    entities = []
    for m in _ENTITY.finditer(text):
        name = m.group(0).strip(" .")
        first = name.split()[0].lower()
        if m.start() == 0 and (first in _WH_WORDS or first in STOPWORDS or " " not in name):
            name = " ".join(name.split()[1:])  # the capital of a question's first word marks no name
        if name and name.lower() not in STOPWORDS and name.lower() not in _WH_WORDS:
            entities.append(name)
    entities = [part for e in entities for part in _name_parts(e)]
    target = _target(text)
    skip = _WH_STEMS | {stem(w) for w in (target or "").split() if _TYPE_NOUNS.match(w)}
    terms: dict[str, str] = {}
    for _, _, word in words(text):
        if word.lower() not in STOPWORDS and (len(word) > 1 or word.isdigit()):
            terms.setdefault(stem(word), word)
    stems = [s for s in terms if s not in skip]
    return Question(text=text, qtype=question_type(text), stems=stems, terms={s: terms[s] for s in stems},
                    entities=entities, target=target)


def _target(text: str) -> str | None:
    """The noun phrase right after "how many", "which" or "what" ("Turkish soldiers", "city")."""
    if re.search(r"\bhow long\b", text, re.I):
        return DURATION
    if re.search(r"\bhow much\b.*\b(?:cost|pay|paid|spen[dt]|worth|price|fund|budget|charge|owe|earn|raise)", text, re.I):
        return MONEY
    text = last_sentence(text)
    lead = _TARGET_LEAD.search(text)
    if not lead:
        return None
    taken: list[str] = []
    following = words(text[lead.end():])
    if following and following[0][2].lower() == "of":  # "how many of Damascus's air-defence systems"
        following = following[1:]
    for _, _, word in following[:4]:
        lower = word.lower()
        if re.fullmatch(_AUX, lower) or (lower in STOPWORDS and lower not in ("its", "their", "the")) or (lower.endswith("ed") and taken):
            break
        taken.append(word)
    return " ".join(w for w in taken if w.lower() not in ("its", "their", "the")) or None
