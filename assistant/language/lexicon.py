"""Words for matching questions to sentences: tokens with offsets, stop words, stems."""

from __future__ import annotations

import re
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
