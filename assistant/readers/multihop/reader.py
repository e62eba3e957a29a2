"""The multi-hop reader: each claim checked on its own source's articles, the answer by explicit logic.

1. :func:`plan_claims` splits a yes/no question into claims, each with the source (and day) it names.
2. For each claim the engine retrieves from that source's articles only; the best few sentences
   (about 150 tokens) and the claim go to the LLM, which answers yes, no or unknown (one token). The claim
   is supported when P(yes) / (P(yes) + P(no)), summed over the casings among the model's 10 likeliest
   first tokens, is at least ``YES_THRESHOLD``; a backend that gives no alternatives is read by its word.
3. The answer is combined, not generated: "Insufficient information" (an abstention) when a claim's
   source has no article on it; Yes when every claim is supported and the order asked (before/after)
   holds by the articles' publication dates; No otherwise.
4. One citation per claim: the sentence that best matches it in its source; the reasoning in one line.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from string import Template

from assistant.evidence.sentences import Sentence
from assistant.evidence.excerpts import select_excerpts
from assistant.readers.llm.backends import ChatModel, Token
from assistant.readers.multihop.plan import Claim, ClaimPlan
from assistant.readers.base import CitationList, ReaderInputs, Reading, abstention
from assistant.dates.resolve import format_date

CLAIM_BUDGET = 150  # excerpt tokens per claim
YES_THRESHOLD = 0.6  # a claim counts as supported when P(yes) / (P(yes) + P(no)) is at least this (MultiHop dev)
ALTERNATIVES = 10  # likeliest tokens read at the verdict's place
INSUFFICIENT = "Insufficient information."

#: what the engine gives the reader: the claim's text and sources -> that source's inputs (passages and all)
ClaimInputs = Callable[[Claim], ReaderInputs]


@dataclass
class Judgement:
    claim: Claim
    verdict: str  # "yes", "no", "unknown" or "no evidence"
    sentence: Sentence | None
    logprob: float | None = None
    yes_share: float | None = None  # P(yes) / (P(yes) + P(no)), every casing summed; None: not given

    @property
    def published(self):
        return self.sentence.published if self.sentence else None


class MultiHopReader:
    """Checks each claim of a :class:`ClaimPlan` on its source and combines the verdicts by rule."""

    name = "multihop"

    def __init__(self, model: ChatModel, budget: int = CLAIM_BUDGET, yes_threshold: float = YES_THRESHOLD):
        self.model = model
        self.budget = budget
        self.yes_threshold = yes_threshold
        folder = resources.files("assistant.readers.multihop") / "prompts"
        self.system = (folder / "claim_system.txt").read_text(encoding="utf-8").strip()
        self.user = Template((folder / "claim_user.txt").read_text(encoding="utf-8").strip())

    def judge(self, claim: Claim, inputs: ReaderInputs) -> Judgement:
        excerpts = select_excerpts(inputs, self.budget, max_sentences=3)
        if not excerpts:
            return Judgement(claim, "no evidence", None)
        best = max((s for e in excerpts for i, s in enumerate(e.sentences) if i in e.chosen),
                   key=lambda s: s.score)
        user = self.user.substitute(excerpts="\n\n".join(e.render() for e in excerpts), claim=claim.text)
        tokens = list(self.model.generate(self.system, user, prefix="Answer:", max_tokens=3,
                                          alternatives=ALTERNATIVES))
        word = "".join(t.text for t in tokens).strip().lower().strip(".!").split(" ")[0] if tokens else ""
        verdict = word if word in ("yes", "no") else "unknown"
        first = next((t for t in tokens if t.text.strip()), None)
        share = yes_share(first) if first else None
        if verdict in ("yes", "no") and share is not None:
            verdict = "yes" if share >= self.yes_threshold else "no"
        return Judgement(claim, verdict, best, first.logprob if first else None, share)

    def read(self, plan: ClaimPlan, claim_inputs: ClaimInputs) -> Reading:
        judgements = [self.judge(claim, claim_inputs(claim)) for claim in plan.claims]
        notes = [f"claim ({j.claim.source_name}): {j.claim.text[:100]} -> {j.verdict}"
                 + (f" (p={math.exp(j.logprob):.3f})" if j.logprob is not None else "")
                 + (f" (yes share {j.yes_share:.3f})" if j.yes_share is not None else "") for j in judgements]
        missing = [j for j in judgements if j.sentence is None]
        if missing:
            return abstention(f"nothing in {missing[0].claim.source_name}'s articles about: {missing[0].claim.text[:80]}",
                              notes=notes, text=INSUFFICIENT)
        supported = all(j.verdict == "yes" for j in judgements)
        order_holds = self._order_holds(plan, judgements)
        answer = "Yes" if supported and order_holds is not False else "No"
        cites = CitationList()
        parts = []
        for j in judgements:
            when = format_date(j.published.date()) if j.published else "undated"
            mark = cites.mark(j.sentence)
            parts.append(f"{j.claim.source_name} ({when}) {mark} {'says' if j.verdict == 'yes' else 'does not say'} "
                         f"that {j.claim.text}")
        notes.append(f"order asked holds: {order_holds}")
        reason = "; ".join(parts)
        if order_holds is not None:
            reason += f"; the first report came {'before' if self._first_earlier(judgements) else 'after'} the second"
        text = f"{answer}: {reason}."
        confidence = sum(1 for j in judgements if j.verdict != "unknown") / len(judgements)
        return Reading(f"{text}\n\n{cites.quotes()}", answer, cites.items, False, confidence, notes)

    @staticmethod
    def _first_earlier(judgements: list[Judgement]) -> bool:
        return judgements[0].published <= judgements[1].published

    def _order_holds(self, plan: ClaimPlan, judgements: list[Judgement]) -> bool | None:
        """Does the order asked hold by publication dates (None: no order asked, or dates unknown)?"""
        if plan.first_earlier is None or len(judgements) < 2 or not all(j.published for j in judgements[:2]):
            return None
        return self._first_earlier(judgements) == plan.first_earlier


def yes_share(token: Token) -> float | None:
    """P(yes) / (P(yes) + P(no)) at the verdict's place, every casing and spacing of each word summed
    (" Yes", " yes", "Yes" … share the probability between them); None without alternatives."""
    if not token.alternatives:
        return None
    mass = {"yes": 0.0, "no": 0.0}
    for text, logprob in token.alternatives.items():
        word = text.strip().lower()
        if word in mass and logprob is not None:
            mass[word] += math.exp(logprob)
    total = mass["yes"] + mass["no"]
    return mass["yes"] / total if total > 0 else None
