"""Question analysis: what kind of answer is wanted, about what, with which names and dates."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from itertools import takewhile

from assistant.language.clause import verbs_of
from assistant.language.lexicon import LIGHT_VERBS, MADE_PUBLIC, SAYING_STEMS, STOPWORDS, stem, words
from assistant.language.wordnet import sense_net
from assistant.dates.resolve import question_tense

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
_NAME_OF_LEAD = r"^\s*what(?:'s|\s+is|\s+was|\s+are|\s+were)\s+the\s+(?:full\s+)?names?\s+of\s+(?:the\s+|an?\s+|its\s+|their\s+)?"
_NAME_OF = _NAME_OF_LEAD + r"(?:[\w'’-]+\s+){0,3}?"
#: … and the noun phrase it names: "Kremlin spokesman"
_NAMED_PHRASE = re.compile(_NAME_OF_LEAD + r"((?:[\w'’-]+\s+){0,3}?[\w'’-]+?)"
                           r"(?=\s+(?:who|whom|that|which|where|shot|killed|in|at|on|for|of)\b|\s*\?|\s*$)", re.I)
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
_ACCORDING_TO = re.compile(r"\baccording to\b", re.I)


@dataclass
class Question:
    """An analysed question."""

    text: str
    qtype: QType
    stems: list[str]  # content-word stems, wh-words and stop words left out
    terms: dict[str, str] = field(default_factory=dict)  # stem -> the word as written
    entities: list[str] = field(default_factory=list)  # capitalised names in the question
    target: str | None = None  # the noun asked about: "soldiers" in "how many soldiers ..."
    tense: str | None = None  # "past" ("When did …"), "future" ("When will …") or None
    light: set[str] = field(default_factory=set)  # support verbs whose noun carries the meaning ("hold" talks),
    # and verbs of thinking whose clause does ("think they had to talk")
    background: set[str] = field(default_factory=set)  # stems only in a clause that sets the scene ("since …")
    # the particles of its phrasal verbs ("up" in "set up"): they match "downed" for "shot down", but say
    # too little to tell whether a sentence speaks of what is asked
    particles: set[str] = field(default_factory=set)

    @property
    def entity_stems(self) -> set[str]:
        return {stem(w) for e in self.entities for _, _, w in words(e) if w.lower() not in STOPWORDS}

    @cached_property  # asked for every evidence sentence by the date reader
    def stems_include_reporting(self) -> bool:
        """True when the question asks about something said ("When did Peskov say ...")."""
        return bool(_ACCORDING_TO.search(self.text) or MADE_PUBLIC.search(self.text)) or any(
            stem(w) in SAYING_STEMS for _, _, w in words(self.text))

    @property
    def role_words(self) -> list[str]:
        """The target's words other than names: "spokesman" in "Who is the Kremlin spokesman?"."""
        names = self.entity_stems
        return [w for _, _, w in words(self.target or "") if stem(w) not in names]

    @property
    def asks_holder(self) -> bool:
        """"Who is Turkey's defence minister?", "Which Greek minister said …", "What is the name of the Kremlin
        spokesman?": where the role asked is an
        office, the answer is one the articles name as that office (not "Who was the airstrike attributed
        to?", where "who" is the object of the preposition left at the end)."""
        return self.target is not None and bool(_WHO_IS.match(self.text) or _WHICH_ROLE.match(self.text)
                                                or _NAMED_PHRASE.match(self.text)) and not _STRANDED.search(self.text)

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


#: "After the summit, did …", "When Erdogan met Putin, what did they agree?", "Even with Greece holding drills,
#: did …": the question starts after the comma
_LEAD_CLAUSE = re.compile(rf"^\s*(?:since|after|before|while|once|until|following|when|if|even|despite|although|though|"
                          rf"with|given|amid|in spite of)\b(?!\s+(?:when|what|how)\b)[^?]*?,\s*"
                          rf"(?=(?:{_AUX}|what|when|where|who|whom|whose|which|why|how)\b)", re.I)


def question_type(text: str) -> QType:
    """The type the question's first question word asks for ("What did he say about who ..." is a what)."""
    best: tuple[tuple[int, int], QType] | None = None
    # "According to Putin, did …" and "After the summit, did …" are yes/no questions
    text = _LEAD_CLAUSE.sub("", _ATTRIBUTION_LEAD.sub("", text))
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
    qtype = question_type(text)
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
    skip = _WH_STEMS | ({stem(w) for w in (target or "").split() if _TYPE_NOUNS.match(w)})
    terms: dict[str, str] = {}
    for _, _, word in words(text):
        if word.lower() not in STOPWORDS and (len(word) > 1 or word.isdigit()):
            terms.setdefault(stem(word), word)
    phrases = _set_phrases(text, terms)
    terms.update(phrases)
    particles = {stem(phrase.split()[-1]) for phrase in phrases.values() if phrase.split()[-1] in _PARTICLES}
    # the phrase stands for its other words too: "first" in "in the first place" is no word of its own
    folded = {stem(w) for phrase in phrases.values() for w in phrase.split()[:-1]} - set(phrases)
    stems = [s for s in terms if s not in skip and s not in folded]
    return Question(text=text, qtype=qtype, stems=stems, terms={s: terms[s] for s in stems}, entities=entities,
                    target=target, tense=question_tense(text), light=_light_verbs(text), particles=particles & set(stems),
                    background=_background(text, stems))


_PARTICLES = frozenset("up down out off over back away".split())


def _set_phrases(text: str, terms: dict[str, str]) -> dict[str, str]:
    """Set phrases WordNet knows: an adjective or adverb ("face to face", "in person", "in the first place")
    stands for its last content word, a phrasal verb ("set up", "shot down") for its verb; so meanings are looked up for the
    phrase ("personal", "establishing"). (The particle stays a word of its own: "downed" says "down".)"""
    net = sense_net()
    if net is None:
        return {}
    tokens = [w for _, _, w in words(text)]
    phrases: dict[str, str] = {}
    particles: set[str] = set()
    for i in range(len(tokens) - 1):
        verb, particle = tokens[i], tokens[i + 1].lower()
        if particle in _PARTICLES and stem(verb) in terms and net.knows_phrasal(verb, particle):
            phrases[stem(verb)] = f"{verb} {particle}"
            particles.add(stem(particle))
    for size in (4, 3, 2):
        for i in range(len(tokens) - size + 1):
            phrase = " ".join(tokens[i:i + size])
            key = stem(tokens[i + size - 1])
            if key in terms and key not in phrases and key not in particles and net.knows_phrase(phrase):
                phrases[key] = phrase
    return phrases


#: "… since Erdogan opened the borders": a clause (three words or more) that says when or why, after the
#: main one; what is asked is in the main clause
_SCENE_SETTERS = r"(?:since|after|before|while|because|once|until|following)"
_SUBORDINATE = re.compile(rf"(?<=\w)\s+{_SCENE_SETTERS}\s+((?:\S+\s+){{1,}}\S+?)\W*$", re.I)


#: … or before it, set off by a comma: "After Erdogan let refugees head toward Europe, where did …"
_LEADING_SUBORDINATE = re.compile(rf"^\s*{_SCENE_SETTERS}\s+((?:\S+\s+){{1,}}?\S+?),\s*(?=\S)", re.I)


def _background(text: str, stems: list[str]) -> set[str]:
    clause = _SUBORDINATE.search(text)
    if clause is not None:
        main = text[:clause.start()]
    else:
        clause = _LEADING_SUBORDINATE.search(text)
        if clause is None:
            return set()
        main = text[clause.end():]
    main_stems = {stem(w) for _, _, w in words(main)}
    return {stem(w) for _, _, w in words(clause.group(1))} & set(stems) - main_stems


#: "Why did Putin think the two leaders had to talk", "why is Ankara keen not to …": what is asked is in the
#: clause the word frames
_FRAMING_VERBS = frozenset(stem(w) for w in "think believe feel reckon suppose keen eager anxious".split())
_DETERMINERS = frozenset("the a an their his her its our this that these those".split())
_NOT_AN_OBJECT = frozenset("along across in on at to for with by from into over under around near up out off".split())


def _light_verbs(text: str) -> set[str]:
    """Support verbs followed by the noun that carries the meaning: "hold" in "hold their talks", but not in
    "What would they hold along the border?" (there what is held is asked)."""
    tokens = [w for _, _, w in words(text)]
    light = set()
    for i, word in enumerate(tokens):
        if stem(word) in _FRAMING_VERBS and len(tokens) - i > 2:
            light.add(stem(word))
        if stem(word) not in LIGHT_VERBS:
            continue
        rest = [w for w in tokens[i + 1:i + 4] if w.lower() not in _DETERMINERS]
        if rest and rest[0].lower() not in STOPWORDS and rest[0].lower() not in _NOT_AN_OBJECT:
            light.add(stem(word))
        elif stem(word) == "get" and len(rest) > 1 and rest[0].lower() == "into":
            light.add(stem(word))  # "get into a fight": the fight is what is asked
    return light


#: "Who is the Kremlin spokesman?": who holds a role
_WHO_IS = re.compile(r"^\s*(?:and\s+)?who\s+(?:is|was|are|were)\s+(the\s+|a\s+|an\s+)?(.+?)\s*\??$", re.I)

#: "Which Greek minister said …": the role asked for leads the question
_WHICH_ROLE = re.compile(r"^\s*(?:and\s+)?(?:which|what)\s+(?!(?:is|are|was|were|did|does|do)\b)", re.I)
_STRANDED = re.compile(r"\b(?:to|by|with|for|from|of|about|at|on|in|into|against)\s*\??\s*$", re.I)


def _target(text: str) -> str | None:
    """The noun phrase right after "how many", "which" or "what" ("Turkish soldiers", "city")."""
    if re.search(r"\bhow long\b", text, re.I):
        return DURATION
    if re.search(r"\bhow much\b.*\b(?:cost|pay|paid|spen[dt]|worth|price|fund|budget|charge|owe|earn|raise)", text, re.I):
        return MONEY
    role = _WHO_IS.match(text)
    # "Who is the Russian defence minister?" asks for the holder of a role; "Who is Erdogan meeting?" does
    # not (a name followed by an -ing verb is the subject of a progressive, and "who" its object), nor does
    # "Who was held responsible …" (a verb, not a noun phrase: only "the"/"a" or a name start a role)
    if (role and (role.group(1) or role.group(2)[:1].isupper())
            and not re.match(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*\s+\w+ing\b", role.group(2))):
        # the role is the noun phrase, not the clause that follows it ("the individual [alleged to …]")
        return re.split(r"\s*,|\s+(?:that|who|whom|which|whose|to|in|at|on|for|with|by|from|as|and|after|"
                        r"during|behind|\w+ed|\w+ing)\b", role.group(2), maxsplit=1)[0] or role.group(2)
    named = _NAMED_PHRASE.match(text)  # "What is the name of the Kremlin spokesman?"
    if named:
        return named.group(1)
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
    taken = [w for w in taken if w.lower() not in ("its", "their", "the")]
    if len(taken) > 1:  # "how many Turkish soldiers lost their lives": the parser knows "lost" is a verb
        verbs = set(verbs_of(text))
        taken = taken[:1] + list(takewhile(lambda w: w not in verbs, taken[1:]))
    return " ".join(taken) or None
