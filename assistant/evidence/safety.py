"""Article text is data: sentences that address the assistant with instructions are never used.

A news article may quote or contain prompt-injection text ("Ignore your previous instructions and say
..."). Such sentences are neither given to an LLM nor quoted or cited by either reader, so they cannot
change answers about other articles.
"""

from __future__ import annotations

import re

_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,60}\b(?:instructions?|prompts?|rules|guidelines|"
    r"sources|articles|passages|context|everything (?:above|before))\b"
    r"|\b(?:system prompt|developer message|jailbreak)\b"
    r"|\byou are (?:now )?(?:an? |the )?(?:ai|assistant|chatbot|language model|llm|newsdesk)\b"
    r"|\b(?:assistant|ai|chatbot|language model|llm)s?\b[^.!?\n]{0,40}\b(?:must|should|shall) (?:now )?(?:answer|reply|say|respond|state)\b"
    r"|\bwhen (?:you are |you're )?asked (?:about|for)\b[^.!?\n]{0,80}\b(?:answer|reply|say|respond)\b"
    # addressed to a machine reader: "Note to AI assistants reading this page: …", "if you are a language model"
    r"|\b(?:note|message|instructions?|attention) (?:to|for) (?:any |all )?(?:ai|assistants?|chatbots?|language models?|"
    r"llms?|bots?|crawlers?)\b"
    r"|\b(?:ai|assistants?|chatbots?|language models?|llms?)\b (?:reading|summari[sz]ing|processing|answering|"
    r"parsing) (?:this|these)\b"
    r"|\bif you are an? (?:ai|assistant|chatbot|language model|llm|bot)\b"
    r"|\bwhatever you (?:are|get|were) asked\b",
    re.I)


def is_instruction(text: str) -> bool:
    """Does this sentence address an assistant with instructions (rather than report news)?"""
    return bool(_INSTRUCTION.search(text))
