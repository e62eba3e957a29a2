"""``newsdesk eval``: run the Q/A eval set (or MultiHop-RAG) and write JSON, Markdown and a chart."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

from index.config import SAMPLE_CORPUS

GATES = {"min_accuracy": ("accuracy", "accuracy"), "min_citation_precision": ("citation_precision", "citation precision"),
         "min_citation_recall": ("citation_recall", "citation recall"),
         "min_abstention_recall": ("abstention_recall", "abstention recall"),
         "min_abstention_precision": ("abstention_precision", "abstention precision"),
         "min_hits10": ("hits@10", "Hits@10"), "min_mrr10": ("mrr@10", "MRR@10")}


def register(subparsers: argparse._SubParsersAction) -> None:
    from index.cli import add_index_options

    parser = subparsers.add_parser("eval", help="score answers, citations and retrieval on an eval set",
                                   description="Run the bundled Q/A eval set (default) or a MultiHop-RAG queries file.")
    parser.add_argument("--qa", help="eval file: Newsdesk Q/A JSONL (default: the bundled set) or MultiHop-RAG queries JSONL")
    parser.add_argument("--corpus", help="articles to index (default: the bundled corpus)")
    add_index_options(parser)
    parser.add_argument("--llm", help="LLM spec (env NEWSDESK_LLM; default: local, the packaged 1.5B model); "
                        "none: the extractive reader")
    parser.add_argument("--reader", choices=("auto", "llm", "extractive"), default="auto",
                        help="auto: the multi-hop reader for yes/no questions across sources, else the LLM reader; "
                        "llm: the LLM reader alone; extractive: the rule reader")
    parser.add_argument("--limit", type=int, help="only the first N questions")
    parser.add_argument("--sample", type=int, help="a random sample of N questions")
    parser.add_argument("--seed", type=int, default=0, help="seed for --sample")
    parser.add_argument("--out", default="eval/out", help="output folder (default: eval/out)")
    parser.add_argument("--calibrate", action="store_true",
                        help="find the abstention threshold that gets most questions right (extractive reader)")
    for flag in GATES:
        parser.add_argument(f"--{flag.replace('_', '-')}", type=float, dest=flag, help="exit 1 when below this")
    parser.set_defaults(handler=run)


def _eval_index_dir(corpus: Path) -> Path:
    """A cached index per corpus, so re-runs only re-index what changed."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsdesk" / "eval-index"
    return base / f"{corpus.name}-{hashlib.sha256(str(corpus.resolve()).encode()).hexdigest()[:8]}"


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from assistant.chat import get_engine
    from eval import report
    from eval.dataset import DEFAULT_QA, is_multihop_file, load_qa
    from eval.multihop import load_queries
    from eval.runner import build_index, run_multihop, run_qa, select, summarise_multihop, summarise_qa

    qa = Path(args.qa) if args.qa else DEFAULT_QA
    corpus = Path(args.corpus) if args.corpus else SAMPLE_CORPUS
    if not qa.is_file() or not corpus.exists():
        print(f"error: {'no eval file ' + str(qa) if not qa.is_file() else 'no corpus at ' + str(corpus)}", file=sys.stderr)
        return 2
    multihop = is_multihop_file(qa)
    index_dir = args.index_dir or _eval_index_dir(corpus)
    engine = get_engine(index_dir, args.chroma_url, args.llm, top_k=10 if multihop else 8)
    with tqdm(desc="indexing", unit="file", file=sys.stderr, leave=False) as bar:
        def indexed(done: int, total: int, _label: str) -> None:
            bar.total = total
            bar.update(done - bar.n)
        build_index(engine.news, corpus, indexed)
    engine.warm_up()
    items = select(load_queries(qa) if multihop else load_qa(qa), args.limit, args.sample, args.seed)
    if args.calibrate and not multihop:
        from eval.calibrate import calibrate

        result = calibrate(items, engine)
        print(f"threshold {result['threshold']} gets {result['correct']}/{result['questions']} right "
              f"(any value above {result['range'][0]} up to {result['range'][1]} does); current: {engine.extractive.threshold}")
        return 0
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    with tqdm(total=len(items), desc="asking", unit="q", file=sys.stderr) as bar:
        def asked(done: int, _total: int) -> None:
            bar.update(done - bar.n)
        results = run_multihop(items, engine, asked, args.reader) if multihop else run_qa(items, engine, asked,
                                                                                          reader=args.reader)
    summary = summarise_multihop(results) if multihop else summarise_qa(results)
    meta = {"qa": str(qa), "corpus": str(corpus), "index_dir": str(index_dir), "started": started,
            "reader": f"{args.reader} ({engine.llm_name})" if engine.llm_reader and not engine.llm_problem
            and args.reader != "extractive" else "extractive",
            "questions": len(items)}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    report.write_json(out / "eval.json", meta, summary, results)
    if multihop:
        (out / "eval.md").write_text(report.markdown_multihop(meta, summary))
        report.chart(out / "eval.png", summary, results, ("hits@10", "mrr@10", "accuracy_strict", "wrong", "abstained"),
                     "MultiHop-RAG by query type")
    else:
        (out / "eval.md").write_text(report.markdown_qa(meta, summary, results))
        report.chart(out / "eval.png", summary, results, ("accuracy", "citation_precision", "citation_recall"),
                     "Newsdesk eval by question type")
    overall = summary["overall"]
    print(json.dumps(overall, indent=2))
    print(f"wrote {out / 'eval.json'}, {out / 'eval.md'}, {out / 'eval.png'}")
    failed = []
    for flag, (key, label) in GATES.items():
        threshold = getattr(args, flag)
        if threshold is not None and (overall.get(key) is None or overall[key] < threshold):
            failed.append(f"{label} {overall.get(key)} < {threshold}")
    if failed:
        print("eval gate failed: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0
