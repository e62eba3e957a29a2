"""Words for matching questions to sentences: tokens with offsets, stop words, stems."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")  # hyphenated compounds count as separate words

STOPWORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before being below
between both but by can could couldn't did didn't do does doesn't doing don't during each few for from
further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his
how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's me more most mustn't my myself no
nor not now of on once only or other ought our ours ourselves own same shan't she she'd she'll she's
should shouldn't so some such than that that's the their theirs them themselves then there there's these they
they'd they'll they're they've this those through to too until very was wasn't we we'd we'll we're we've
were weren't what what's when when's where where's which while who who's whom why why's will with won't would
wouldn't you you'd you'll you're you've your yours yourself yourselves says say said tell told according
article articles report reports reported news story since until ago actually roughly approximately exactly
across along amid amidst among around beneath beside besides beyond despite onto throughout toward towards upon
via within underneath inside outside
""".split())  # the last line: prepositions that say where or how, not what (what is asked is in their object)

#: Irregular past forms to their base, so "met" matches "meet" and "said" matches "say".
IRREGULAR = {
    "said": "say", "says": "say", "met": "meet", "told": "tell", "took": "take", "taken": "take", "went": "go",
    "gone": "go", "came": "come", "held": "hold", "left": "leave", "gave": "give", "given": "give", "saw": "see",
    "seen": "see", "made": "make", "began": "begin", "begun": "begin", "won": "win", "lost": "lose",
    "fought": "fight", "brought": "bring", "thought": "think", "found": "find", "sent": "send", "spoke": "speak",
    "spoken": "speak", "wrote": "write", "written": "write", "shot": "shoot", "struck": "strike", "fled": "flee",
    "led": "lead", "sat": "sit", "paid": "pay", "kept": "keep", "died": "die", "dies": "die", "dying": "die",
    # killing and dying are one event in news counts ("34 troops were killed" = "the deaths of 34 troops")
    "kill": "die", "kills": "die", "killed": "die", "killing": "die", "death": "die", "deaths": "die", "dead": "die", "bought": "buy", "sold": "sell", "chose": "choose", "chosen": "choose", "knew": "know",
    "known": "know", "grew": "grow", "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall",
    "broke": "break", "broken": "break", "drew": "draw", "drawn": "draw", "drove": "drive", "flew": "fly",
    "forgot": "forget", "hid": "hide", "meant": "mean", "ran": "run", "stood": "stand", "understood": "understand",
    "wore": "wear", "men": "man", "women": "woman", "children": "child", "people": "person",
}

#: Support verbs carry little of the meaning: in "hold talks", "pay a visit", "take part" the noun does.
LIGHT_VERBS = frozenset({"hold", "take", "make", "give", "have", "do", "get", "pay", "put", "carri", "go", "come", "keep", "offer", "express"})
#: Verbs that say only that something took place ("when the airstrike happened"): no act of their own
EVENT_VERBS = frozenset({"happen", "occur"})  # stems

#: Verbs that give someone's words, as written in news text ("…," the Turkish presidency said; Putin
#: told Erdogan): the one list behind SAYING, the question's reporting test and the clause's framing verbs
SAYING_FORMS = ("said", "says", "told", "tells", "announced", "added", "stated", "stressed", "noted", "insisted",
                "warned", "reiterated", "confirmed", "declared", "reported", "claimed", "tweeted", "wrote",
                "explained", "pointed out", "acknowledged", "admitted", "spoke", "speaks")
SAYING = re.compile(rf"\b(?:{'|'.join(SAYING_FORMS)})\b", re.I)
#: "no one, including the Syrian troops, knew": no one does it (group 1: the verb)
NO_ONE = re.compile(r"\b(?:no one|no-one|nobody)\b(?:\s*,[^,]{1,80},)?\s+([a-z]+)", re.I)
#: Telling without a verb of saying, in a question: "make the trip public", "disclosed", "revealed"
MADE_PUBLIC = re.compile(r"\bma(?:ke|kes|de|king)\b(?:\s+[\w'’-]+){0,6}?\s+public\b|\b(?:go|goes|going|gone|went)\s+public\b|"
                         r"\b(?:disclos|reveal|unveil|publici[sz])\w*",
                         re.I)

#: Number words a count may be written in ("two regime planes")
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12,
                "a hundred": 100, "a thousand": 1000, "a million": 1_000_000}

#: Demonyms to their country, so "Turkish" matches "Turkey" and "Russian" matches "Russia".
DEMONYMS = {
    "afghan": "afghanistan", "american": "america", "argentine": "argentina", "argentinian": "argentina",
    "australian": "australia", "austrian": "austria", "belgian": "belgium", "brazilian": "brazil",
    "british": "britain", "bulgarian": "bulgaria", "canadian": "canada", "chinese": "china", "cuban": "cuba",
    "czech": "czechia", "danish": "denmark", "dutch": "netherlands", "egyptian": "egypt", "english": "england",
    "european": "europe", "finnish": "finland", "french": "france", "german": "germany", "greek": "greece",
    "hungarian": "hungary", "indian": "india", "indonesian": "indonesia", "iranian": "iran", "iraqi": "iraq",
    "irish": "ireland", "israeli": "israel", "italian": "italy", "japanese": "japan", "jordanian": "jordan",
    "kenyan": "kenya", "korean": "korea", "kurdish": "kurdistan", "lebanese": "lebanon", "libyan": "libya",
    "mexican": "mexico", "moroccan": "morocco", "nigerian": "nigeria", "norwegian": "norway",
    "pakistani": "pakistan", "palestinian": "palestine", "polish": "poland", "portuguese": "portugal",
    "qatari": "qatar", "romanian": "romania", "russian": "russia", "scottish": "scotland",
    "serbian": "serbia", "spanish": "spain", "swedish": "sweden", "swiss": "switzerland", "syrian": "syria",
    "taiwanese": "taiwan", "thai": "thailand", "turk": "turkey", "turkish": "turkey", "ukrainian": "ukraine", "venezuelan": "venezuela",
    "vietnamese": "vietnam", "welsh": "wales", "yemeni": "yemen",
}


def nations_of(found: Iterable[str]) -> set[str]:
    """The countries the nationality words among ``found`` name ("Turkish soldiers" -> {"turkey"})."""
    return {DEMONYMS[w.lower()] for w in found if w.lower() in DEMONYMS}


#: Words the stemmer folds into another word's stem: "personal" is not "person" ("people")
_OVERSTEMMED = {"personal": "personal", "personally": "personal"}


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    lower = word.lower().replace("’", "'")
    if lower.endswith("'s"):
        lower = lower[:-2]
    if lower not in DEMONYMS and lower.endswith("s") and lower[:-1] in DEMONYMS:
        lower = lower[:-1]  # "Turks", "Syrians": the people of the country, as "Turkish" is its adjective
    lower = DEMONYMS.get(lower, lower)
    return _OVERSTEMMED.get(lower) or _stemmer().stemWord(IRREGULAR.get(lower, lower))


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) for each word in ``text``."""
    return [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text)]


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning (stop words left out), in order, without repeats."""
    seen: dict[str, None] = {}
    for _, _, word in words(text):
        if word.lower() not in STOPWORDS and (len(word) > 1 or word.isdigit()):
            seen.setdefault(stem(word), None)
    return list(seen)


#: The stems of those verbs, as written and in their base forms ("say", "add", "announce", "confirms")
SAYING_STEMS = frozenset(stem(w) for w in (*SAYING_FORMS, "say", "tell", "add", "write") if " " not in w)
