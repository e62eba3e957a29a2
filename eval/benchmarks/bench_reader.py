"""Readers side by side on RealTime QA (the development half): right, wrong, abstained, latency, RSS.

    python -m eval.benchmarks.bench_reader --rtqa DIR [--readers llm,llm-0.5b,extractive,plain]
        [--sample N] [--seed S] [--threshold T [--curve]] [--out bench-out]

DIR is the folder ``../shared/benchmarks/realtimeqa/build.py`` wrote (``questions.jsonl``, ``corpus/``).
Readers, all over the same index (built once, cached) in one process, one after another:

- ``llm``: the LLM reader with the packaged Qwen2.5-Coder-1.5B-Instruct (``local``);
- ``llm-0.5b``: the same reader with the packaged 0.5B model (``local-0.5b``);
- ``extractive``: the rule reader (the instant mode);
- ``plain``: a plain llama-index query engine (the same chunks and vectors, top 3, default prompts) over the
  same 1.5B model, served by the same in-process llama.cpp on 127.0.0.1 through llama-index's OpenAILike.

Every row (question, reply, outcome, seconds, first token, prompt tokens, confidence) goes to
``bench_reader.jsonl``; the summary to ``bench_reader.json`` and a chart ``bench_reader.png``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from datetime import date
from pathlib import Path

from tqdm import tqdm

from eval.realtimeqa import QuizQuestion, curve, is_right, load_questions, outcome, summarise

ROOT = Path(__file__).resolve().parents[2]


def rss_mb() -> float:
    """The process's peak resident memory so far, in MB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _file_names(engine) -> dict[str, str]:
    names = {}
    for origin, record in engine.news.docstore.file_records().items():
        for doc_id in record.doc_ids:
            names[doc_id] = Path(origin).name
    return names


def asked_on(q: QuizQuestion, dated: bool) -> date | None:
    return date.fromisoformat(q.question_date) if dated and q.question_date else None


def run_engine_reader(engine, reader: str, questions: list[QuizQuestion], label: str, dated: bool) -> list[dict]:
    names = _file_names(engine)
    rows = []
    for q in tqdm(questions, desc=label, unit="q", file=sys.stderr):
        started = time.perf_counter()
        first = None
        answer = None
        for event in engine.stream(q.question, reader=reader, asked_on=asked_on(q, dated)):
            if event.kind == "delta" and first is None:
                first = time.perf_counter() - started
            if event.kind == "answer":
                answer = event.answer
        seconds = time.perf_counter() - started
        evidence = " ".join(answer.evidence)
        rows.append({
            "reader": label, "id": q.id, "question": q.question, "gold": q.answers, "unanswerable": q.unanswerable,
            "short": answer.short, "abstained": answer.abstained, "confidence": round(answer.confidence, 4),
            "outcome": outcome(q, answer.abstained, answer.short),
            "cited": any(names.get(c.doc_id) in q.gold_files for c in answer.citations),
            "in_evidence": bool(q.answers) and is_right(evidence, q.answers),
            "seconds": round(seconds, 3), "first_token_s": round(first if first is not None else seconds, 3),
            "prompt_tokens": answer.usage.get("prompt_tokens"), "notes": answer.notes[:3],
            "signals": answer.usage.get("signals"), "quote": answer.citations[0].quote if answer.citations else None,
        })
        if reader == "llm":  # for calibration: does the instant reader agree?
            other = engine.answer(q.question, reader="extractive", asked_on=asked_on(q, dated))
            rows[-1]["extractive_short"] = None if other.abstained else other.short
    return rows


def plain_query_engine(engine, model):
    """llama-index's default query engine over our chunks (their stored vectors) and the same model."""
    from llama_index.core import VectorStoreIndex
    from llama_index.core.schema import TextNode
    from llama_index.llms.openai_like import OpenAILike

    collection = engine.news.vectors.collection
    got = collection.get(include=["embeddings"])
    vectors = dict(zip(got["ids"], got["embeddings"]))
    nodes = []
    for chunk, title, source in engine.news.docstore.ready_chunks():
        if chunk.chunk_id in vectors:
            nodes.append(TextNode(id_=chunk.chunk_id, text=chunk.text, embedding=list(vectors[chunk.chunk_id]),
                                  metadata={"title": title, "source": source or "", "doc_id": chunk.doc_id}))
    index = VectorStoreIndex(nodes, embed_model=engine.news.embedder)
    model.warm_up()
    address = model._server.listening_address  # "http://127.0.0.1:PORT"
    llm = OpenAILike(api_base=f"{address.rstrip('/')}/v1", api_key="none", model="local",
                     is_chat_model=True, context_window=model.n_ctx, max_tokens=128, temperature=0.0, timeout=600)
    return index.as_query_engine(llm=llm, similarity_top_k=3)


def run_plain(engine, model, questions: list[QuizQuestion], dated: bool) -> list[dict]:
    from eval.realtimeqa import normalise

    query_engine = plain_query_engine(engine, model)
    names = _file_names(engine)
    rows = []
    for q in tqdm(questions, desc="plain", unit="q", file=sys.stderr):
        started = time.perf_counter()
        response = query_engine.query(q.question)
        seconds = time.perf_counter() - started
        text = str(response).strip()
        abstained = not text or any(p in normalise(text) for p in (
            "empty response", "does not provide", "not mentioned", "no information", "not provided",
            "does not mention", "cannot be determined", "not specified", "does not contain"))
        rows.append({
            "reader": "plain", "id": q.id, "question": q.question, "gold": q.answers, "unanswerable": q.unanswerable,
            "short": text, "abstained": abstained, "confidence": None, "outcome": outcome(q, abstained, text),
            "cited": any(names.get(n.node.metadata.get("doc_id")) in q.gold_files for n in response.source_nodes),
            "in_evidence": bool(q.answers) and is_right(" ".join(n.node.get_content() for n in response.source_nodes),
                                                        q.answers),
            "seconds": round(seconds, 3), "first_token_s": None, "prompt_tokens": None, "notes": [],
        })
    return rows


def chart(summary: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = list(summary)
    right = [summary[k]["right"] for k in labels]
    wrong = [summary[k]["wrong"] for k in labels]
    abstained = [summary[k]["abstained"] for k in labels]
    fig, ax = plt.subplots(figsize=(7, 0.6 + 0.6 * len(labels)))
    ax.barh(labels, right, color="#2a9d8f", label="right")
    ax.barh(labels, wrong, left=right, color="#e76f51", label="wrong")
    ax.barh(labels, abstained, left=[r + w for r, w in zip(right, wrong)], color="#bbbbbb", label="abstained")
    for i, k in enumerate(labels):
        s = summary[k]
        ax.text(1.01, i, f"unans. abst. {s['unanswerable_abstained']:.2f}  p50 {s['p50_s']} s", va="center",
                fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of answerable questions")
    ax.set_title("RealTime QA development half")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=3, fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=120, bbox_inches="tight")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rtqa", type=Path, required=True, help="the built RealTime QA folder")
    parser.add_argument("--readers", default="llm,llm-0.5b,extractive,plain")
    parser.add_argument("--index-dir", type=Path, help="index of the corpus (default: a cache per corpus)")
    parser.add_argument("--sample", type=int, help="a random sample of N questions")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threshold", type=float, help="the readers' abstention threshold (default: their own)")
    parser.add_argument("--curve", action="store_true", help="with --threshold 0: right / wrong / abstained at "
                        "thresholds from 0 to 1 (an answer below a threshold abstains), to bench_reader_curve.json; "
                        "for the extractive reader an estimate (under its threshold a typed question gets its best "
                        "sentence instead): run each threshold to be sure")
    parser.add_argument("--budget", type=int, help="the LLM reader's excerpt token budget (default: its own)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out")
    parser.add_argument("--undated", action="store_true",
                        help="ask every question today, not on its quiz's date (the default: as the quiz was asked)")
    args = parser.parse_args(argv)

    import random

    from assistant.engine import AnswerEngine
    from assistant.readers.llm.specs import load_chat_model
    from assistant.readers.llm.reader import LLMReader
    from eval.cli import _eval_index_dir
    from eval.runner import build_index
    from index.config import IndexConfig

    questions = load_questions(args.rtqa)
    if args.sample and args.sample < len(questions):
        questions = random.Random(args.seed).sample(questions, args.sample)
    corpus = args.rtqa / "corpus"
    config = IndexConfig.resolve(args.index_dir or _eval_index_dir(corpus))
    engine = AnswerEngine(config, llm=None, build_if_missing=False)
    build_index(engine.news, corpus)
    engine.warm_up()
    args.out.mkdir(parents=True, exist_ok=True)
    summary: dict[str, dict] = {}
    all_rows: list[dict] = []
    models: dict[str, object] = {}
    curves: dict[str, list[dict]] = {}
    for label in args.readers.split(","):
        if label in ("llm", "llm-0.5b", "plain"):
            spec = "local-0.5b" if label == "llm-0.5b" else "local"
            model = models.get(spec) or models.setdefault(spec, load_chat_model(spec))
        if label in ("llm", "llm-0.5b"):
            reader = LLMReader(model)
            if args.threshold is not None:
                reader.threshold = args.threshold
            if args.budget:
                reader.token_budget = args.budget
            engine.llm_reader = reader
            engine.llm_problem = None
            reader.warm_up()
            rows = run_engine_reader(engine, "llm", questions, label, not args.undated)
        elif label == "extractive":
            if args.threshold is not None:
                engine.extractive.threshold = args.threshold
            rows = run_engine_reader(engine, "extractive", questions, label, not args.undated)
        elif label == "plain":
            rows = run_plain(engine, model, questions, not args.undated)
        else:
            parser.error(f"unknown reader {label!r}")
        summary[label] = summarise(rows) | {"peak_rss_mb": rss_mb()}
        if args.curve:
            curves[label] = curve(rows, [round(0.02 * i, 2) for i in range(51)])
            for point in curves[label]:
                print(label, json.dumps(point))
            (args.out / "bench_reader_curve.json").write_text(json.dumps(curves, indent=2))
        all_rows.extend(rows)
        print(label, json.dumps(summary[label]), flush=True)
        (args.out / "bench_reader.jsonl").write_text("".join(json.dumps(r) + "\n" for r in all_rows))
        (args.out / "bench_reader.json").write_text(json.dumps(summary, indent=2))
    chart(summary, args.out / "bench_reader.png")
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
