"""Newsdesk's answer engine: grounded answers with checkable citations.

>>> from assistant import answer, Assistant
>>> a = answer("When is the summit?")
>>> a.text, a.citations, a.abstained, a.timings
"""

from assistant.chat import Assistant, answer, get_engine
from assistant.question.analyse import BadQuestion
from assistant.retrieval.hybrid import Filters
from assistant.types import Answer, Citation

__all__ = ["Answer", "Assistant", "BadQuestion", "Citation", "Filters", "answer", "get_engine"]
