"""Who-answers: which of the names in the evidence is the one asked for.

The candidates (names, "by …" agents) come from answer_spans.py; here they are weighed: a role asked
about must be named where the person is ("Kremlin spokesman Dmitry Peskov"), "who did X … to" is not X,
and a name that is mostly a place is no "who". The tagger's labels are also made consistent first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from assistant.readers.extractive.spans import FAR, PLACE_LABELS, Candidate, predicate_stems, proximity, weigh_unsaid
from assistant.language.clause import REPORTING_VERBS, agents, predicate_doers, question_clause, verbs_of
from assistant.evidence.sentences import Sentence
from assistant.language.entities import Entity
from assistant.language.lexicon import NO_ONE, STOPWORDS, nations_of, stem, words
from assistant.language.meaning import Similarity, means, same_act
from assistant.question.analyse import ORG_NOUNS, PERSON_NOUNS, Question
from assistant.readers.extractive.quoted import quotation_speaker
from assistant.language.wordnet import noun_net

#: Nouns that say what kind of answer is wanted ("which company", "the individual who"), not a role held
ANSWER_KINDS = {stem(w) for w in ("person", "people", "individual", "company", "organisation", "organization", "group",
                                   "entity", "firm", "figure", "party", "team", "agency", "outlet", "publication",
                                   "man", "woman", "country", "nation", "one", "source")}
#: Roles that any office of the body named answers ("which Kremlin official": its spokesman too)
_ANY_OFFICE = {stem(w) for w in ("official", "officials", "figure", "representative", "member", "politician", "authority")}
#: "Who did … meet?", "whom will …": who is the verb's object, not its subject
#: "Who says …", "who accused …": who is the one speaking
_WHO_SAYS = re.compile(r"^\s*(?:and\s+)?who(?:\s*,[^,]{1,60},)?\s+(\w+)", re.I)  # "Who, speaking for …, said"
#: "Which ministry reported …", "which Kremlin official said …": the words after "which"
_WHICH = re.compile(r"^\s*(?:and\s+)?(?:which|what)\s+((?:[\w'’-]+\s+){1,4})", re.I)
_AUXILIARY = frozenset(("is", "are", "was", "were", "did", "does", "do", "has", "have", "had", "will", "would"))
_OBJECT_WHO = re.compile(r"^\s*(?:and\s+)?whom?\s+(?:did|does|do|will|would|can|could|has|have|had)\b", re.I)
#: bodies a nationality names as speaking ("the Turkish presidency said", "Greek forces said")
_BODIES = r"(?:presidency|army|military|forces|police|navy|air force)"
#: "Russian [President]", "Turkish [defence ministry]": the role a nationality names someone by
_ROLE_AFTER = re.compile(rf"\s+((?:[a-z][\w-]*\s+){{0,2}}?(?i:{PERSON_NOUNS}|{_BODIES}))\b")
#: "Who's the source for the report that …": who said it
_WHO_IS_SOURCE = re.compile(r"^\s*(?:and\s+)?(?:who(?:['’]s|\s+(?:is|was|are|were))\s+(?:the\s+)?sources?\b|"
                            r"whose\s+(?:report|reporting|account|claim|words)\b)", re.I)  # "Whose report is …"
#: "Which body supplied the tally of …", "Who gave the figures": who reported them
_GAVE_FIGURES = re.compile(r"^\s*(?:and\s+)?(?:who\s+|(?:which|what)\s+(?:[\w'’-]+\s+){1,3}?)(?:supplied|provided|gave|"
                           r"released|issued|published|put out)\s+(?:the\s+|these\s+|those\s+|its\s+|their\s+)?"
                           r"(?:[\w-]+\s+)?(?:tall(?:y|ies)|figures?|toll|count|numbers?|data|details|account|estimates?)\b", re.I)
#: "BBC World Service [reporter Mughira Al Sharif] said": a name that only says whose the role is
_MODIFIES_ROLE = re.compile(r"\s+[a-z][\w-]*\s+[A-Z]")
#: "Who spoke for the Kremlin …" asks for one speaking, like "who said"
SPEAKING_VERBS = REPORTING_VERBS | {stem("speak")}
QUOTED = 0.9  # a quotation's speaker named only where it closes or before it: a step away from the words
NOT_SPEAKING = 0.5  # a name in a sentence where it says nothing, when others there speak
#: What an office is a kind of in WordNet (a minister an official, a spokesman a representative)
_OFFICES = ("leader", "official", "representative")
NOT_NAMED_HOLDER = 0.1  # "Who is the defence minister?" answered by a name the articles never call that


def weigh_who_candidates(question: Question, found: list[Candidate], tagged: list[list[Entity]], labels: set[str],
                         similar: Similarity | None) -> None:
    """Re-weigh who-candidates in place (``tagged``: the entities of the candidate sentences)."""
    if _OBJECT_WHO.match(question.text):
        _not_the_doer(question, found, similar)
    _prefer_speakers(question, found)
    role = question.target_stems - question.entity_stems
    holder = question.asks_holder and bool(question.role_words) and is_office(question.role_words[-1])
    for c in found:  # "Who is the defence minister?": the role must be named where the person is
        if role and _named_as(c, question, role, similar):  # "BBC World Service reporter Mughira Al Sharif"
            c.score *= 1.5
        elif role <= _ANY_OFFICE and _title_before(c) & (question.target_stems - role):
            pass  # "Kremlin spokesman Dmitry Peskov" for "which Kremlin official": an office of that body
        elif holder:  # a name said to do what the question adds ("who announced …") is not thereby the role
            c.score *= NOT_NAMED_HOLDER
        elif role and not role & c.sentence.stems and not set(predicate_stems(question)) & c.sentence.stems:
            c.score *= 0.5
        elif role - ANSWER_KINDS:  # a name not introduced as the role asked; "border police" are no journalist
            c.score *= 0.3 if _other_kind(c, question, similar) else 0.6
    if not labels & PLACE_LABELS:  # a name tagged as a place more often than not is not a "who"
        places = mostly_places(tagged)
        for c in found:
            if c.display.lower() in places:
                c.score *= 0.3


def weigh_by_what_is_said(question: Question, candidates: list[Candidate]) -> None:
    """"Who said nobody knew where the soldiers were?": where some candidates' sentences say what was said
    ("no one … knew about their location"), one whose sentence says something else ("The Turkish army also
    declared …") weighs less."""
    if not _asks_who(question, REPORTING_VERBS):
        return
    acts = [v for v in verbs_of(question.text) if stem(v) not in SPEAKING_VERBS]
    if not acts or not candidates:
        return
    weigh_unsaid(candidates, [any(stem(v) in c.sentence.stems or any(same_act(v, w) for w in c.sentence.content_words)
                                  for v in acts) for c in candidates], NOT_SPEAKING)


def is_office(noun: str) -> bool:
    """"minister", "spokesman", "president": an office the articles would name its holder by ("Kremlin
    spokesman Dmitry Peskov"); not "artist" or "individual", which a description says of someone."""
    nouns = noun_net()
    return nouns is not None and any(nouns.kind_of(noun, office) for office in _OFFICES)


def _prefer_speakers(question: Question, candidates: list[Candidate]) -> None:
    """"Who spoke for the Kremlin about the summit?" is answered by one the sentence has speaking
    ("Kremlin spokesman Dmitry Peskov said"), not by "his Russian counterpart Vladimir Putin" who is only
    mentioned: where some candidates speak, the others weigh less."""
    if not _asks_who(question, SPEAKING_VERBS):
        return
    weigh_unsaid(candidates, [bool({w.lower() for _, _, w in words(c.display)}
                                   & {w.lower() for w in speakers(c.sentence.text, SPEAKING_VERBS)})
                              and not _MODIFIES_ROLE.match(c.sentence.text[c.end:]) for c in candidates], NOT_SPEAKING)


def asks_source(question: Question) -> bool:
    """"Who's the source for the report that …", "Who reported that …": who told it, not who did what it
    tells."""
    return _asks_who(question, REPORTING_VERBS)


def _asks_who(question: Question, verbs: frozenset[str] | set[str]) -> bool:
    """Is it "who <one of verbs> …" ("Who says …", "Who spoke for …", "Which ministry reported …"), or, for
    verbs of saying, "who is the source for …" or "which body supplied the tally …"?"""
    asked = _WHO_SAYS.match(question.text)
    return (asked is not None and stem(asked.group(1)) in verbs) or _which_does(question.text, verbs) or (
        bool(verbs & REPORTING_VERBS) and bool(_WHO_IS_SOURCE.match(question.text) or _GAVE_FIGURES.match(question.text)))


def _which_does(text: str, verbs: frozenset[str] | set[str]) -> bool:
    """Is it "which <someone> <one of verbs> …" ("Which government body reported …"), the verb right
    after the one asked for (not "which official did Putin …")?"""
    found = _WHICH.match(text)
    following = found.group(1).split()[1:] if found else []
    for word in following:
        if word.lower() in _AUXILIARY:
            return False
        if stem(word) in verbs:
            return True
    return False


NOBODY = 1.2  # a sentence saying no one did it names who did as plainly as "shot dead by …" does


def speakers(text: str, verbs: frozenset[str] | set[str] = REPORTING_VERBS) -> set[str]:
    """The words naming those the sentence has saying something ("Kremlin", "spokesman", "Dmitry",
    "Peskov" in "Kremlin spokesman Dmitry Peskov said …"): the named doers of its saying verbs."""
    doers = agents(text)
    return {w for start, _, word in words(text) if stem(word) in verbs for w in doers.get(start, ())}


def _title_before(candidate: Candidate) -> set[str]:
    """The stems of the up to three words right before a name, with nothing between ("Kremlin spokesman")."""
    title = re.search(r"((?:[\w'’-]+\s+){1,3})$", candidate.sentence.text[:candidate.start])
    return {stem(w) for _, _, w in words(title.group(1))} if title else set()


def _not_the_doer(question: Question, candidates: list[Candidate], similar: Similarity | None) -> None:
    """"Who did Russia's leader offer condolences to?" asks for someone other than who offered them:
    a name the sentence gives as the doer of the question's verb weighs little."""
    clause = question_clause(question.text)
    if clause is None:
        return
    for c in candidates:
        named = {stem(w) for doer in predicate_doers(clause, c.sentence.text, similar) or [] if doer for w in doer}
        if {stem(w) for _, _, w in words(c.display)} & named:
            c.score *= 0.3


def _named_as(candidate: Candidate, question: Question, role: set[str], similar: Similarity | None) -> bool:
    """Is the candidate introduced as the role asked about, or a synonym of it ("reporter Mughira Al
    Sharif" or "Mughira Al Sharif, a reporter" for "which journalist"; not "BBC World Service", which
    only modifies "reporter")?"""
    text = candidate.sentence.text
    beside = [w for _, _, w in words(text[:candidate.start])[-1:]]
    after = re.match(r",\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){0,2}?([\w'’-]+)\b", text[candidate.end:])
    beside += [after.group(1)] if after else []
    if any(stem(w) in role for w in beside):
        return True
    asked = question.role_words
    if similar is None or not asked or not role - ANSWER_KINDS:
        return False
    return any(means(asked[-1], w, similar) for w in beside)  # a kind of it too ("President" a "leader")


def _other_kind(candidate: Candidate, question: Question, similar: Similarity | None) -> bool:
    """A common-noun answer ("border police") whose head noun is not the role asked about."""
    head = words(candidate.display)[-1:]
    role = question.role_words
    if similar is None or not head or not role or not head[0][2].islower():
        return False
    return stem(head[0][2]) != stem(role[-1]) and similar(head[0][2], role[-1]) < 0.6


def consistent_labels(tagged: list[list[Entity]]) -> list[list[Entity]]:
    """The small tagger sometimes calls a person a product ("Recep Tayyip Erdogan" in one sentence): a
    name whose last word is a PERSON elsewhere in the passages, and never a place or organisation, is one."""
    labels: dict[str, set[str]] = {}
    for entities in tagged:
        for e in entities:
            labels.setdefault(e.text.split()[-1].lower() if e.text.split() else "", set()).add(e.label)
    people = {w for w, found in labels.items() if "PERSON" in found and not found & (PLACE_LABELS | {"ORG"})}
    return [[Entity(e.start, e.end, "PERSON", e.text)
             if e.label in ("PRODUCT", "WORK_OF_ART", "EVENT", "LAW") and e.text.split()
             and e.text.split()[-1].lower() in people else e for e in entities] for entities in tagged]


def mostly_places(tagged: list[list[Entity]]) -> set[str]:
    """Lower-cased names that the tagger labels as places in most of their mentions."""
    votes: dict[str, list[int]] = {}
    for entities in tagged:
        for e in entities:
            votes.setdefault(e.text.strip().lower(), [0, 0])[e.label in PLACE_LABELS] += 1
    return {name for name, (other, place) in votes.items() if place > other}


def speaker_candidates(question: Question, sentence: Sentence, entities: list[Entity]) -> list[Candidate]:
    """"Who says …" is answered by who the sentence has saying (claiming, accusing, warning) something,
    a capital or a country speaking for its government included ("Moscow accused Turkey of …")."""
    if not _asks_who(question, REPORTING_VERBS):
        return []
    speaking = speakers(sentence.text)
    found = []
    for e in entities:
        if e.label not in PLACE_LABELS | {"NORP"} or not set(e.text.split()) <= speaking:
            continue
        score = sentence.score * proximity(sentence, question, e.start, e.end)
        role = _ROLE_AFTER.match(sentence.text[e.end:]) if e.label == "NORP" else None
        if e.label == "NORP" and (_unasked_role(question, role) or _other_nation(question, e.text)):
            continue  # "the Turkish president" is no "Greek official"
        if role:  # "the Russian President reiterated": the one in that role, as the article calls them
            found.append(Candidate(f"{e.text} {role.group(1)}".lower(), f"the {e.text} {role.group(1)}", sentence,
                                   e.start, e.end + role.end(), score))
        else:
            found.append(Candidate(e.text.lower(), e.text, sentence, e.start, e.end, score))
    return found


def nobody_candidates(question: Question, sentences: list[Sentence], similar: Similarity | None = None) -> list[Candidate]:
    """"Who knew where the soldiers were?" answered "No one" where a sentence says that no one did the
    question's act ("no one, including the Syrian troops, knew about their location"); not where the
    question asks who said it ("who said nobody knew …")."""
    if _asks_who(question, REPORTING_VERBS) or NO_ONE.search(question.text):
        return []
    act = predicate_stems(question)
    found = []
    for sentence in sentences:
        for match in NO_ONE.finditer(sentence.text):
            verb = match.group(1)
            if stem(verb) in act or any(means(question.terms.get(a, a), verb, similar) for a in act):
                found.append(Candidate("no one", "No one", sentence, match.start(), match.end(), sentence.score * NOBODY))
    return found


def quotation_candidates(question: Question, ranked: list[Sentence], sentences: list[Sentence],
                         tag: Callable[[list[str]], list[list[Entity]]]) -> list[Candidate]:
    """"Who said …" answered by who says a quotation the article attributes only where it closes or only
    as "he" ('"Our militaries are in constant contact.' … '," he said', after "… Dmitry Peskov said"):
    anchored on the quotation, which says what was asked, with the sentence naming the speaker."""
    if not _asks_who(question, REPORTING_VERBS):
        return []
    found = []
    for sentence in ranked:
        speaker = quotation_speaker(sentence, sentences, tag)
        if speaker is not None:
            name, named_in = speaker
            # no place in the words to be near: how much of what is asked they say stands for it
            score = sentence.score * QUOTED * max(sentence.focus_coverage, FAR)
            found.append(Candidate(name.split()[-1].lower(), name, sentence, 0, 0, score, named_in=named_in))
    return found


def _unasked_role(question: Question, role: re.Match[str] | None) -> bool:
    """Where the question asks for a role ("which official"), is a nationality speaking without one
    ("Greek said"), or as a body where an office is asked ("Greek forces", "the Turkish defence ministry")?"""
    if not question.role_words:
        return False
    return role is None or (is_office(question.role_words[-1])
                            and bool(re.search(rf"(?:{_BODIES}|{ORG_NOUNS})$", role.group(1), re.I)))


def _other_nation(question: Question, nationality: str) -> bool:
    """Does the question ask for someone of another nation ("which Greek official", "Turkish")?"""
    asked = nations_of(w for _, _, w in words(question.target or ""))
    return bool(asked) and not nations_of([nationality]) & asked


def fuller_description(candidate: Candidate, sentences: list[Sentence]) -> str:
    """"the regime" as its article names it in full elsewhere ("Syrian regime", from "the Moscow-backed
    Syrian regime killed …"): the commonest capitalised word written right before it; the display itself
    where there is none or it is a name already."""
    if not candidate.display.islower():
        return candidate.display
    pattern = re.compile(rf"\b([A-Z][\w'’]+)\s+{re.escape(candidate.display)}\b")
    found = Counter(match.group(1) for sentence in sentences if sentence.doc_id == candidate.sentence.doc_id
                    for match in pattern.finditer(sentence.text)
                    if match.group(1).lower() not in STOPWORDS)  # "The regime" at a sentence's start says nothing
    return f"{found.most_common(1)[0][0]} {candidate.display}" if found else candidate.display
