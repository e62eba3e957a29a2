"""The LLM reader: a chat model reads the few best excerpts and gives a short answer and its excerpt.

1. :func:`assistant.excerpts.select_excerpts` picks the sentences (about 400 tokens), grouped by article
   with title, source and publication date.
2. The model replies ``Answer: <short answer> [n]`` (or ``Answer: unknown``), greedily, one line.
3. Grounding: the answer must be found in an excerpt sentence (normalised: case, accents, punctuation),
   or all of its words and numbers in one sentence; that sentence, verbatim at its offsets, is the
   citation, and other articles' sentences that say the same answer are cited beside it. An answer
   found nowhere is not shown.
4. Confidence: the mean probability of the answer's tokens (the in-process model gives them). Below
   ``threshold``, calibrated once on the development sets, the reader abstains.
5. A weekday or relative date in the answer is resolved against its article's publication date.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources
from string import Template

from assistant.evidence.sentences import Sentence, sentence_stems, weighted_share
from assistant.evidence.excerpts import TOKEN_BUDGET, Excerpt, adjacent, select_excerpts
from assistant.readers.llm.backends import ChatModel, ModelUnavailable, Token
from assistant.question.followup import Turn
from assistant.readers.base import NOT_IN_ARTICLES, CitationList, ReaderInputs, Reading, abstention
from assistant.dates.resolve import find_dates

#: the combined confidence below which the reader abstains: chosen on the RealTime QA development half
#: (162 questions; right - 2 x wrong highest at 0.40: 0.724 right, 0.104 wrong, 0.964 of the unanswerable
#: abstained, against 0.769 / 0.157 / 0.679 with no threshold)
THRESHOLD = 0.40
MAX_ANSWER_TOKENS = 40
_REPLY = re.compile(r"^\s*(?:answer\s*:)?\s*(?P<answer>.*?)\s*(?:\[(?P<n>\d+)\])?\s*\.?\s*$", re.I | re.S)
_UNKNOWN = re.compile(r"^(?:unknown|none|n/?a|not (?:stated|given|mentioned|known|specified)|no answer|"
                      r"the (?:excerpts|articles) do(?:es)? ?n[o']t (?:say|give|mention).*|insufficient information)\W*$",
                      re.I)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_VERDICTS = {"yes", "no"}


@dataclass(frozen=True)
class PromptSet:
    """The reader's prompts, from ``prompts/*.txt`` unless given; rendering fails on a missing slot."""

    system: str
    user: Template
    rewrite: str  # the system prompt that makes a follow-up standalone

    @classmethod
    def packaged(cls) -> "PromptSet":
        folder = resources.files("assistant.readers.llm") / "prompts"

        def read(name: str) -> str:
            return (folder / name).read_text(encoding="utf-8").strip()

        return cls(system=read("answer_system.txt"), user=Template(read("answer_user.txt")),
                   rewrite=read("rewrite_system.txt"))

    def render_user(self, question: str, excerpts: list[Excerpt]) -> str:
        return self.user.substitute(excerpts="\n\n".join(e.render() for e in excerpts), question=question)


def normalise(text: str) -> str:
    """Lower case, accents folded, punctuation dropped, spaces collapsed (as the benchmarks score)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def _words(text: str) -> set[str]:
    return set(normalise(text).split())


@dataclass
class Grounding:
    """Where the answer was found: the sentence, and whether verbatim (normalised) or word by word."""

    sentence: Sentence
    verbatim: bool


def ground(answer: str, excerpts: list[Excerpt], cited: int | None) -> Grounding | None:
    """The excerpt sentence that holds the answer, the cited excerpt's first; None when none does."""
    wanted = normalise(answer)
    if not wanted:
        return None
    order = sorted(excerpts, key=lambda e: e.n != cited)
    for excerpt in order:
        for sentence in excerpt.sentences:
            if f" {wanted} " in f" {normalise(sentence.text)} ":
                return Grounding(sentence, True)
    words = _words(answer)
    numbers = set(_NUMBER.findall(answer))
    for excerpt in order:
        for sentence in excerpt.sentences:
            if words <= _words(sentence.text) and numbers <= set(_NUMBER.findall(sentence.text)):
                return Grounding(sentence, False)
    return None


_TOKEN = re.compile(r"[\w’'.-]+")
_NOT_NAME = {"the", "a", "an", "on", "in", "at", "to", "for", "by", "and", "or", "but", "as", "after", "before",
             "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
             "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
             "mr", "mrs", "ms", "dr", "he", "she", "it", "they", "we", "i", "his", "her", "its", "their", "this",
             "that", "these", "those", "former", "new", "while", "when", "where", "who", "which"}


def full_name(answer: str, sentence: str) -> str:
    """A name answered in part ("William") as the sentence writes it in full ("Prince William"): the
    capitalised words right before and after it, as long as they are names (not "The", a weekday, …)."""
    at = sentence.find(answer)
    if at < 0 or not answer[:1].isupper():
        return answer
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(sentence)]
    inside = [i for i, (s, e, _) in enumerate(tokens) if s >= at and e <= at + len(answer)]
    if not inside:
        return answer

    def is_name(word: str) -> bool:
        return word[:1].isupper() and not word.isupper() and word.lower().strip(".") not in _NOT_NAME

    if not all(is_name(tokens[i][2]) or tokens[i][2].lower() == "of" for i in inside):
        return answer
    first, last = inside[0], inside[-1]
    while first > 0 and sentence[tokens[first - 1][1]:tokens[first][0]] == " ":
        if is_name(tokens[first - 1][2]):
            first -= 1
        elif tokens[first - 1][2] == "of" and first > 1 and is_name(tokens[first - 2][2]):
            first -= 2
        else:
            break
    while last + 1 < len(tokens) and is_name(tokens[last + 1][2]) \
            and sentence[tokens[last][1]:tokens[last + 1][0]] == " ":
        last += 1
    return sentence[tokens[first][0]:tokens[last][1]].rstrip(".") if (first, last) != (inside[0], inside[-1]) else answer


def verdict_grounding(excerpts: list[Excerpt], cited: int | None) -> Grounding | None:
    """A yes/no answer is said by no span: its source is the cited excerpt's best sentence."""
    excerpt = next((e for e in excerpts if e.n == cited), None)
    if excerpt is None:
        return None
    chosen = [s for i, s in enumerate(excerpt.sentences) if i in excerpt.chosen] or excerpt.sentences
    return Grounding(max(chosen, key=lambda s: s.score), False)


def resolve_dates(answer: str, sentence: Sentence) -> str:
    """Relative dates in the answer ("Thursday") as the calendar dates they stand for in the article."""
    for mention in find_dates(sentence.text, sentence.published):
        if not mention.relative:
            continue
        at = answer.lower().find(mention.text.lower())
        if at >= 0:
            shown = mention.display()
            if not any(c.isdigit() for c in mention.text) and mention.text.lower() not in shown.lower():
                shown = f"{mention.text} ({shown})"  # "next week (the week of Monday 20 June 2022)"
            answer = answer[:at] + shown + answer[at + len(mention.text):]
    return answer


def corroborating(answer: str, grounding: Grounding, excerpts: list[Excerpt], limit: int = 2) -> list[Sentence]:
    """Sentences of other articles that give the same answer (normalised), best excerpt first."""
    wanted = normalise(answer)
    found: list[Sentence] = []
    seen = {grounding.sentence.doc_id}
    for excerpt in excerpts:
        for sentence in excerpt.sentences:
            if sentence.doc_id in seen or len(found) >= limit:
                continue
            if f" {wanted} " in f" {normalise(sentence.text)} ":
                found.append(sentence)
                seen.add(sentence.doc_id)
    return found


class LLMReader:
    """Reads the excerpts with a chat model; every shown answer is grounded and cited."""

    name = "llm"

    def __init__(self, model: ChatModel, prompts: PromptSet | None = None, threshold: float = THRESHOLD,
                 token_budget: int = TOKEN_BUDGET):
        self.model = model
        self.prompts = prompts or PromptSet.packaged()
        self.threshold = threshold
        self.token_budget = token_budget

    def warm_up(self) -> None:
        """Load the model and fill the KV cache with the system prompt."""
        self.model.warm_up()
        for _ in self.model.generate(self.prompts.system, "Excerpts:\n\n[1] -\n\nQuestion: -", prefix="Answer:",
                                     max_tokens=1):
            pass

    def rewrite_followup(self, question: str, history: list[Turn], fallback: str) -> str:
        """The model's standalone version of a follow-up; ``fallback`` when it rambles or fails."""
        turns = "\n".join(f"User: {t.question}\nAssistant: {t.answer or NOT_IN_ARTICLES}" for t in history[-3:])
        try:
            reply = "".join(t.text for t in self.model.generate(
                self.prompts.rewrite, f"Conversation:\n{turns}\n\nLast question: {question}", max_tokens=60))
        except ValueError:
            return fallback
        line = reply.strip().splitlines()[0].strip() if reply.strip() else ""
        return line if 3 < len(line) <= 300 and line.endswith("?") else fallback

    def read(self, inputs: ReaderInputs) -> Reading:
        *_, reading = self.stream(inputs)  # the text as written, then the Reading
        return reading

    def stream(self, inputs: ReaderInputs) -> Iterator[str | Reading]:
        """The answer's text as the model writes it, then the grounded :class:`Reading`.

        Raises :class:`ModelUnavailable` when the model cannot be loaded or reached."""
        excerpts = select_excerpts(inputs, self.token_budget)
        if not excerpts:
            yield abstention("no passage was retrieved")
            return
        user = self.prompts.render_user(inputs.question.text, excerpts)
        tokens: list[Token] = []
        written = ""
        shown = 0
        usage: dict = {}
        for token in self.model.generate(self.prompts.system, user, prefix="Answer:", max_tokens=MAX_ANSWER_TOKENS,
                                         usage=usage):
            tokens.append(token)
            written += token.text
            visible = written.split("[", 1)[0].lstrip()
            if len(visible) > shown and not _UNKNOWN.match(visible):
                yield visible[shown:]
                shown = len(visible)
        reading = self.finish(tokens, excerpts, inputs.idf or {s: 1.0 for s in inputs.question.stems})
        reading.evidence = [e.render() for e in excerpts]
        reading.usage = usage | reading.usage
        yield reading

    def finish(self, tokens: list[Token], excerpts: list[Excerpt], weights: dict[str, float]) -> Reading:
        """Parse, ground, cite and score the model's reply; ``weights``: the question's stems' IDF."""
        reply = "".join(t.text for t in tokens)
        notes = [f"model reply: {reply.strip()[:200]}"]
        match = _REPLY.match(reply.strip().splitlines()[0] if reply.strip() else "")
        answer = (match.group("answer") if match else "").strip().strip('"“”').strip()
        cited = int(match.group("n")) if match and match.group("n") else None
        if not answer or _UNKNOWN.match(answer):
            return abstention("the model found no answer in the excerpts", 0.0, notes)
        answer_logprobs = _answer_logprobs(tokens)
        confidence = math.exp(sum(answer_logprobs) / len(answer_logprobs)) if answer_logprobs else 1.0
        is_verdict = answer.lower() in _VERDICTS
        grounding = verdict_grounding(excerpts, cited) if is_verdict else ground(answer, excerpts, cited)
        if grounding is None:
            return abstention(f"the model's answer is in no excerpt: {answer[:120]}", confidence, notes)
        signals = {"answer_prob": round(confidence, 4),
                   "support": round(support(grounding.sentence, excerpts, weights), 4),
                   "excerpt_support": round(support(grounding.sentence, excerpts, weights, whole=True), 4),
                   # a yes/no verdict is no words to find: "no" is in many sentences that do not say it
                   "answer_support": 0.0 if is_verdict else round(answer_support(answer, excerpts, weights), 4),
                   "semantic": round(grounding.sentence.semantic, 4), "verbatim": grounding.verbatim}
        confidence = combined_confidence(signals)
        notes.append(f"signals: {signals}")
        if confidence < self.threshold:
            reason = f"not sure enough of {answer[:120]!r} ({confidence:.2f} < {self.threshold:.2f})"
            return replace(abstention(reason, confidence, notes), usage={"signals": signals})
        if is_verdict:
            shown = answer.capitalize()
        else:
            shown = resolve_dates(full_name(answer, grounding.sentence.text), grounding.sentence)
        cites = CitationList()
        marks = cites.mark(grounding.sentence)
        for sentence in [] if is_verdict else corroborating(answer, grounding, excerpts):
            marks += cites.mark(sentence)
        text = f"{shown} {marks}"
        return Reading(f"{text}\n\n{cites.quotes()}", shown, cites.items, False, confidence, notes,
                       usage={"signals": signals})


def support(sentence: Sentence, excerpts: list[Excerpt], weights: dict[str, float], whole: bool = False) -> float:
    """The IDF-weighted share of the question's words said by the answer's sentence, the sentence before
    it and its article's title (``whole``: by all of that article's excerpt)."""
    excerpt = next(e for e in excerpts if any(s is sentence for s in e.sentences))
    if whole:
        return weighted_share(_said_by(excerpt), weights)
    at = next(i for i, s in enumerate(excerpt.sentences) if s is sentence)
    said = set(sentence.stems) | sentence_stems(excerpt.passage.title)
    if at > 0 and adjacent(excerpt.sentences[at - 1], sentence):
        said |= excerpt.sentences[at - 1].stems
    return weighted_share(said, weights)


def answer_support(answer: str, excerpts: list[Excerpt], weights: dict[str, float]) -> float:
    """The IDF-weighted share of the question's words said by the excerpts (and titles) of every article
    whose excerpt holds the answer: a question that spans articles is said by them together."""
    said = set().union(*(_said_by(e) for e in excerpts if ground(answer, [e], None) is not None))
    return weighted_share(said, weights)


def _said_by(excerpt: Excerpt) -> set[str]:
    """The stems of an excerpt's sentences and of its article's title."""
    return sentence_stems(excerpt.passage.title).union(*(s.stems for s in excerpt.sentences))


def combined_confidence(signals: dict) -> float:
    """One number to threshold: the answer's mean token probability times the share of the question's
    words (IDF-weighted) said by the excerpts of the articles that give the answer (one article, or
    several for a question across sources). Measured on RealTime QA dev: better than either alone, than
    the cited sentence's share, and than the sentence's cosine similarity; the same decisions there as
    the cited article's share alone, and on MultiHop dev it no longer turns away right answers to
    questions whose clauses are said by different articles."""
    return signals["answer_prob"] * max(signals["excerpt_support"], signals.get("answer_support", 0.0))


def _answer_logprobs(tokens: list[Token]) -> list[float]:
    """The log-probabilities of the answer's tokens: those before the ``[n]`` that names the excerpt."""
    found: list[float] = []
    for token in tokens:
        if "[" in token.text:
            break
        if token.logprob is not None and token.text.strip():
            found.append(token.logprob)
    return found


__all__ = ["LLMReader", "PromptSet", "ModelUnavailable", "ground", "normalise", "resolve_dates"]
