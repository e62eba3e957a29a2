"""How a place is named: the preposition before it says where something happens, or where it goes."""

from __future__ import annotations

import re

LOCATIVE = re.compile(r"\b(?:in|at|near|inside|outside|held in|based in)\s+(?:the\s+)?(?:city of\s+)?$", re.I)
DESTINATION = re.compile(r"\b(?:to|into|visit|visits|visited|visiting|towards|toward|from|with)\s+(?:the\s+)?$", re.I)
UNGOVERNED = 0.7  # a place named with no preposition before it


def place_preposition_weight(before: str, motion: bool = False) -> float:
    """Where something happens is said with "in"/"at"; "to"/"visit" names a destination (the answer
    when the question asks where someone goes)."""
    if LOCATIVE.search(before):
        return 1.25
    if DESTINATION.search(before):
        return 1.25 if motion else 0.8
    return UNGOVERNED
