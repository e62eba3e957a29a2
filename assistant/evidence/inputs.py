"""What a reader is given: the analysed question, the retrieved passages, and retrieval's statistics."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from assistant.question.analyse import Question
from assistant.types import Passage


@dataclass
class ReaderInputs:
    """What a reader gets: the analysed question, the passages, and retrieval's statistics."""

    question: Question
    passages: list[Passage]
    idf: dict[str, float] = field(default_factory=dict)  # question stem -> inverse document frequency
    query_vector: np.ndarray | None = None
    sentence_vectors: dict = field(default_factory=dict)  # chunk_id -> (sentence spans, vectors)
