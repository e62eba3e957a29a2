"""What a yes/no question asserts: who (its subject) does what (its predicate word), from spaCy's parser.

"Did Greece open its borders?" asserts that Greece opened something, so "Erdogan opened Turkey's borders
with Greece" does not say it. Reporting and intention verbs are looked through ("Did Putin say the army
knew …" asserts that the army knew; "Is Erdogan planning to shut …", that he shuts), and a support verb
gives way to its object ("offer condolences": the condolences).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from assistant.language.entities import MODEL
from assistant.language.lexicon import IRREGULAR, LIGHT_VERBS, SAYING_STEMS, STOPWORDS, stem, words
from assistant.language.meaning import Similarity, kin, means, opposite

REPORTING_VERBS = SAYING_STEMS | frozenset(stem(w) for w in ("think", "believe", "deny", "suggest", "signal", "indicate",
                                                             "hint", "vow", "pledge", "promise", "accuse"))
_INTENT = frozenset(stem(w) for w in ("plan", "planned", "intend", "expect", "aim", "try", "going", "want",
                                      "decide", "schedule"))
#: Verbs a question's clause is looked through: "did he say / vow / plan to shut …" asks whether he shuts it
FRAMING_VERBS = REPORTING_VERBS | _INTENT
#: Verbs of wanting something: "is Turkey seeking / looking for / trying to get into a fight" asks whether
#: it wants the fight ("look" only with "for")
SEEKING_VERBS = frozenset(stem(w) for w in ("seek", "want", "pursue", "look", "court", "desire"))
#: Verbs of keeping away from something: "Ankara is determined to avoid direct clashes" does not seek them
_AVOIDING = frozenset(stem(w) for w in ("avoid", "shun", "eschew", "evade", "avert"))
_PRONOUNS = frozenset("he she it they we i you him her them us".split())


@dataclass(frozen=True)
class Clause:
    """``subject``: its content words (empty for a pronoun); ``predicate``: the word that says what happens;
    ``sought``: where the question asks whether the subject wants, seeks or tries for something, the
    words of that thing ("a direct military fight with Russia"), and ``sought_head`` its noun ("fight");
    ``conjoined``: the words of another act joined to it by "and" ("back down" in "Did Erdogan back down and
    say …")."""

    subject: tuple[str, ...]
    predicate: str
    passive: bool
    sought: tuple[str, ...] = ()
    sought_head: str = ""
    conjoined: tuple[str, ...] = ()


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _parser() -> Any:
    import spacy

    return spacy.load(MODEL, exclude=["ner", "lemmatizer"])


@lru_cache(maxsize=64)  # a question is read for its clause, its verbs and what it names: parsed once
def _parse(text: str) -> Any:
    with _lock:
        return _parser()(text)


def warm_up() -> None:
    question_clause("Did Putin meet Erdogan?")


def _is_name(token: Any) -> bool:
    return token.pos_ == "PROPN" or (token.text[:1].isupper() and token.i > 0 and token.pos_ != "PRON")


def _subject(verb: Any) -> tuple[str, ...] | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            if child.text.lower() in _PRONOUNS:
                return ()
            return tuple(t.text for t in child.subtree if t.text.lower() not in STOPWORDS and t.is_alpha)
    return None


@lru_cache(maxsize=4096)
def agents(text: str) -> dict[int, tuple[str, ...]]:
    """Who does what in a sentence: for each word (by its offset) that is a verb or a verb's object, the
    words naming the verb's doer (its subject, or "by …" in a passive). Only doers named with a capital
    letter are kept ("Greek border police", not "no one" or "he")."""
    doc = _parse(text)
    found: dict[int, tuple[str, ...]] = {}
    doers: dict[int, tuple[str, ...] | None] = {}
    for verb in doc:  # heads come before their conjuncts and complements in a parse, mostly
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        by = next((c for c in verb.children if c.dep_ == "agent"), None)
        if by is not None:
            doer = next((c for c in by.children if c.dep_ == "pobj"), None)
        if doer is not None:
            named = (tuple(t.text for t in doer.subtree if t.is_alpha and t.text.lower() not in STOPWORDS)
                     if any(_is_name(t) for t in doer.subtree) else None)
        elif verb.dep_ in ("xcomp", "conj") and _governor(verb).i in doers:  # "Ankara killed … and downed …"
            named = doers[_governor(verb).i]
        else:
            named = None
        doers[verb.i] = named
        if named:
            for t in [verb, *(c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd", "acomp"))]:
                found[t.idx] = named
    return found


def _governor(verb: Any) -> Any:
    """The verb whose doer does ``verb`` too: its head, or through an adjective ("Ankara remains
    determined to avoid …": "remains")."""
    head = verb.head
    return head.head if head.pos_ == "ADJ" and head.dep_ == "acomp" else head


@lru_cache(maxsize=1024)
def acts_in(text: str, start: int, end: int) -> str | None:
    """The active verb the name at ``text[start:end]`` is the subject of, where it is an actor rather than
    a place ("killed" in "Ankara killed 19 Syrian troops", "demanded" in "As Ankara demanded …"; None for
    "in Sochi")."""
    return next((token.head.text for token in _parse(text)
                 if start <= token.idx < end and token.dep_ == "nsubj" and token.head.pos_ in ("VERB", "AUX")), None)


#: Verbs whose complement is wished for, not yet so: "I hope that he will take measures, such as a ceasefire"
WISHING_VERBS = frozenset(stem(w) for w in ("hope", "wish", "want", "demand", "urge", "seek", "propose", "request"))
#: Arcs that stay inside a complement ("measures" the object of "take", "a ceasefire" after "such as"); an
#: adverbial or relative clause is an event of its own
_INSIDE = frozenset(("ccomp", "xcomp", "dobj", "pobj", "prep", "conj", "appos", "amod", "compound", "nsubj",
                     "nsubjpass", "attr", "acomp", "nmod", "poss", "det", "npadvmod", "advmod", "aux", "neg", "cc"))
_INSERTION = re.compile(r"\[[^\]]{1,40}\]")


def wished(text: str, start: int) -> bool:
    """Is the word at ``text[start]`` inside what a wishing verb's subject hopes for, demands or wants
    (not what has happened): "a ceasefire" in "I hope that he will take … such as a ceasefire"? (An
    editor's insertion, "he [Putin] will", is blanked out: the parser takes it for a new sentence.)"""
    blanked = _INSERTION.sub(lambda m: " " * len(m.group(0)), text)
    token = next((t for t in _parse(blanked) if t.idx == start), None)
    while token is not None and token.dep_ in _INSIDE and token.head is not token:
        token = token.head
        if token.pos_ in ("VERB", "AUX") and stem(token.text) in WISHING_VERBS:
            return True
    return False


_DESCRIBING = frozenset(("acl", "relcl"))  # a participle or relative clause that describes a noun


def verbs_of(text: str, describing: bool = True) -> tuple[str, ...]:
    """The words the parser tags as verbs ("gathering", "opened" in "Where have they been gathering since
    Erdogan opened the borders?"); without ``describing``, not a participle that describes a noun
    ("heading" in "Where have the migrants heading for Europe been massing?", "killed" in "the airstrike
    that killed 34")."""
    doc = _parse(text)
    # only where the parse found the question's own verb: in "Where have the migrants massed since …" it
    # takes "have" for the verb and "massed" for a participle describing "migrants"
    acts = any(t.dep_ == "ROOT" and t.pos_ == "VERB" and t.lemma_ not in ("have", "be", "do") for t in doc)
    found = tuple(t.text for t in doc if t.pos_ == "VERB" and (describing or not acts or t.dep_ not in _DESCRIBING))
    passive = _PASSIVE_END.search(text)
    participle = passive.group(1).lower() if passive else ""
    if not found and (participle.endswith("ed") or IRREGULAR.get(participle, "person") not in _NOUN_BASES):
        return (passive.group(1),)  # "Where was the refugee shot?": the parser takes "shot" for a noun
    return found


_RELATIVE = frozenset(("that", "which", "who", "whom", "whose"))
#: the nouns among the irregular forms ("people", "deaths"): no participle
_NOUN_BASES = frozenset(("man", "woman", "child", "person", "die"))
#: a passive question's participle, last: "… was the Syrian refugee shot?"
_PASSIVE_END = re.compile(r"\b(?:was|were|is|are|been)\s+(?:[\w'’-]+\s+){1,5}?([a-z]+)\W*$", re.I)


def describing_words(text: str) -> set[str]:
    """The words of a clause that describes a noun ("that resulted in Turkey setting up its posts" in "Where
    was the agreement struck that resulted in …", "brokered" in "the agreement … brokered"): they say which
    thing is meant, not what is asked of it."""
    doc = _parse(text)
    heads = [t for t in doc if t.pos_ in ("VERB", "AUX") and (
        t.dep_ in _DESCRIBING or any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _RELATIVE for c in t.children))]
    return {w.text for head in heads for w in head.subtree}


def event_nouns(text: str) -> tuple[str, ...]:
    """The nouns a question takes for granted as having happened: the subject of a verb, or one a
    participle or relative clause says something was done with ("ceasefire" in "When did the ceasefire
    agreed at the summit take effect?" and "What were the terms of the ceasefire that they agreed?"), and
    what such a noun is "of" or names the kind of ("the terms of the ceasefire", "what ceasefire terms")."""
    def taken(t: Any) -> bool:
        return t.pos_ == "NOUN" and ((t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX"))
                                     or any(c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" for c in t.children))

    def asked_kind(t: Any) -> bool:  # "ceasefire" in "What ceasefire terms did they sign?"
        return (t.dep_ == "compound" and t.pos_ == "NOUN" and taken(t.head)
                and any(c.dep_ == "det" and c.lower_ in _WH for c in (*t.children, *t.head.children)))

    def of_taken(t: Any) -> bool:  # "ceasefire" in "What were the terms of the ceasefire …?"
        return t.pos_ == "NOUN" and t.dep_ == "pobj" and t.head.lower_ == "of" and taken(t.head.head)

    doc = _parse(text)
    return tuple(t.text for t in doc if taken(t) or asked_kind(t) or of_taken(t))


_NAME_NOUNS = frozenset(("name", "codename", "code-name", "nickname", "title"))
_NAMING_VERBS = frozenset(("called", "named", "dubbed", "nicknamed", "codenamed", "code-named", "titled"))
_WH = frozenset(("what", "which", "who", "whom"))


@lru_cache(maxsize=1024)
def named_noun(text: str) -> str | None:
    """What a naming question asks the name of: "refugee" in "What was the name of the refugee shot …",
    "offensive" in "What has Turkey called its new offensive?"; None where the parse does not say."""
    doc = _parse(text)
    for token in doc:
        if token.text.lower() in _NAME_NOUNS:
            for prep in (c for c in token.children if c.dep_ == "prep" and c.text.lower() in ("of", "for")):
                noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if noun is not None:
                    # "the name of the Syrian refugee shot dead": a participle the parser took for the noun
                    compound = [c for c in noun.children if c.dep_ == "compound"]
                    participle = noun.text.lower() in IRREGULAR or noun.text.lower().endswith("ed")
                    return compound[-1].text if compound and participle else noun.text
        if token.text.lower() in _NAMING_VERBS:
            noun = next((c for c in token.children if c.dep_ in ("nsubjpass", "oprd", "dobj")
                         and c.text.lower() not in _WH), None)
            # "What was the refugee who was shot dead called?": the subject may hang elsewhere in the parse
            noun = noun or next((t for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")
                                 and t.text.lower() not in _WH), None)
            if noun is not None:
                return noun.text
    return None


@lru_cache(maxsize=1024)
def question_clause(text: str) -> Clause | None:
    """The clause a yes/no question asks about, or None when the parse finds no verb to check."""
    doc = _parse(text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    passive = False
    asker, conjoined = None, ()
    auxiliary = root.i == 0 and root.lemma_ == "do" and root.pos_ == "VERB"  # "Did" taken for the verb
    conjunct = next((c for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB"
                     and (auxiliary or stem(c.text) in FRAMING_VERBS)), None)
    if auxiliary and conjunct is None:
        return None
    if conjunct is not None and stem(root.text) not in FRAMING_VERBS:
        # "Did Erdogan back down and say …", "Did he relent and promise …": what is said is asked; the other
        # act is joined to it
        asker = _subject(root)
        conjoined = (() if auxiliary else (root.text,)) + tuple(
            t.text for c in root.children if c.dep_ in ("prt", "advmod", "dobj", "prep") for t in c.subtree if t.is_alpha)
        root = conjunct
    if root.pos_ == "AUX":  # "Was the trip planned as …": the verb hangs off the subject
        root = next((t for t in root.subtree if t.pos_ == "VERB"), None)
        if root is None:
            return None
        passive = not root.text.lower().endswith("ing")  # "Was a refugee shot …" (the tagger may say VBD)
    subject = _subject(root) or asker
    intent = False
    while True:
        inner = (next((c for c in root.children if c.dep_ in ("ccomp", "xcomp")), None)
                 if stem(root.text) in FRAMING_VERBS else None)
        if inner is None:
            break
        intent = intent or stem(root.text) in _INTENT
        root = inner
        own = _subject(root)
        subject = own if own is not None else subject
    predicate = root
    if stem(root.text) in _INTENT and root.dep_ == "acl":  # "Was the trip planned as …": what of the trip?
        predicate = root.head
    elif stem(root.text) in LIGHT_VERBS:
        predicate = next((c for c in root.children if c.dep_ == "dobj"), root)
    passive = passive or any(c.dep_ in ("auxpass", "nsubjpass") for c in root.children)
    if predicate.pos_ not in ("VERB", "NOUN", "ADJ"):
        return None
    sought = _sought(root, intent)  # "Is Ankara looking for a confrontation …": what it would seek
    if sought is None:
        return Clause(subject or (), predicate.text, passive, conjoined=conjoined)
    phrase = tuple(t.text for t in sought.subtree if t.is_alpha and t.text.lower() not in STOPWORDS)
    # "looking for" as one verb ("seek"), not "look" ("appear", "act")
    said = f"{predicate.text} for" if stem(predicate.text) == stem("look") else predicate.text
    return Clause(subject or (), said, passive, phrase, sought.text, conjoined)


def _object(verb: Any, preposition: str | None = None) -> Any:
    """The verb's direct object, or the object of its preposition ("looking for a fight", "get into a fight")."""
    if preposition is None:
        return next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.text.lower() == preposition), None)
    return None if prep is None else next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)


def _sought(verb: Any, intent: bool) -> Any:
    """What the question asks whether its subject wants: the object of "seek", "want", "look for", or of a
    support verb after "try to" ("get into a fight"); None for any other clause."""
    word = stem(verb.text)
    if word == stem("look"):
        return _object(verb, "for")
    if word in SEEKING_VERBS:
        return _object(verb)
    if intent and word in LIGHT_VERBS:
        return _object(verb) or _object(verb, "into")
    return None


@dataclass(frozen=True)
class Avoidance:
    """Something a sentence has someone keep away from: the verb's offset (for its doer), the head noun of
    what is avoided, and the words of it."""

    start: int
    head: str
    words: tuple[str, ...]


def avoided(text: str) -> list[Avoidance]:
    """The objects of "avoid", "shun" … in a sentence ("But Ankara remains determined to avoid direct
    clashes with the regime's key backer Moscow, with which …": "clashes", "direct clashes with the
    regime's key backer Moscow")."""
    found = []
    for verb in _parse(text):
        obj = _object(verb) if verb.pos_ == "VERB" and stem(verb.text) in _AVOIDING else None
        if obj is not None:  # up to a comma or a relative clause: "…, with which it shares …" is not avoided
            end = next((t.i for t in obj.subtree if t.i > obj.i and (t.is_punct or t.dep_ == "relcl")),
                       obj.right_edge.i + 1)
            found.append(Avoidance(verb.idx, obj.text, tuple(t.text for t in obj.doc[obj.left_edge.i:end] if t.is_alpha)))
    return found


def predicate_doers(clause: Clause, text: str, similar: Similarity | None = None) -> list[tuple[str, ...] | None] | None:
    """For each place ``text`` says the clause's predicate (or its opposite), the words naming who does it
    there (None where the sentence names nobody); None when the text never says it."""
    said = [start for start, _, t in words(text)
            if means(clause.predicate, t, similar) or opposite(clause.predicate, t) or kin(clause.predicate, t)]
    if not said:
        return None
    doers = agents(text)
    return [doers.get(start) for start in said]
