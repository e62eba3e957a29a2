"""Query latency benchmark: Newsdesk's readers beside a plain llama-index pipeline, same data, same run.

    python -m eval.benchmarks.bench_query [--corpus DIR] [--questions FILE] [--limit N] [--llm SPEC] [--out DIR]

- Newsdesk extractive: ``answer()`` per question (warm), and the cold start of ``newsdesk ask``.
- plain llama-index: ``SimpleDirectoryReader`` → ``SentenceSplitter(256, overlap 20)`` → ``VectorStoreIndex`` with the same
  embedder; its retriever (top 8) per question, and with ``--llm`` its query engine beside Newsdesk's LLM reader.
Questions come from a Newsdesk Q/A file or a MultiHop-RAG queries file (default: the bundled eval set).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from index.config import SAMPLE_CORPUS

ROOT = Path(__file__).resolve().parents[2]


def latency_stats(seconds: list[float]) -> dict:
    """n, p50 and p95 in milliseconds."""
    from eval.runner import percentile

    return {"n": len(seconds), "p50_ms": round(1000 * percentile(seconds, 0.5), 1),
            "p95_ms": round(1000 * percentile(seconds, 0.95), 1)}


def _questions(path: Path | None, limit: int) -> list[str]:
    from eval.dataset import DEFAULT_QA, is_multihop_file, load_qa
    from eval.multihop import load_queries

    path = path or DEFAULT_QA
    if is_multihop_file(path):
        return [q.question for q in load_queries(path)][:limit]
    return [i.question for i in load_qa(path) if not i.followup_of][:limit]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=SAMPLE_CORPUS)
    parser.add_argument("--questions", type=Path)
    parser.add_argument("--index-dir", type=Path, help="reuse this index (default: a fresh one)")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--llm", help="also compare LLM readers, e.g. smollm2")
    parser.add_argument("--llm-questions", type=int, default=10)
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    args = parser.parse_args()

    from assistant.chat import Assistant, get_engine
    from index.indexer import Indexer

    questions = _questions(args.questions, args.limit)
    index_dir = args.index_dir or Path(tempfile.mkdtemp(prefix="newsdesk-query-bench-"))
    engine = get_engine(index_dir)
    Indexer(engine.news).run([args.corpus])
    engine.warm_up()
    results: dict = {"corpus": str(args.corpus), "questions": len(questions)}

    times, abstained = [], 0
    for question in questions:
        started = time.perf_counter()
        answer = Assistant(engine=engine).ask(question)
        times.append(time.perf_counter() - started)
        abstained += answer.abstained
    results["newsdesk_extractive"] = latency_stats(times) | {"abstained": abstained}

    from llama_index.core import SimpleDirectoryReader, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter

    from index.embedding import MiniLMEmbedding

    documents = SimpleDirectoryReader(str(args.corpus), required_exts=[".txt"]).load_data()
    plain = VectorStoreIndex.from_documents(documents, embed_model=MiniLMEmbedding(truncate=True),
                                            transformations=[SentenceSplitter(chunk_size=256, chunk_overlap=20)])
    retriever = plain.as_retriever(similarity_top_k=8)
    retriever.retrieve("warm up")
    times = []
    for question in questions:
        started = time.perf_counter()
        retriever.retrieve(question)
        times.append(time.perf_counter() - started)
    results["plain_llama_index_retriever"] = latency_stats(times)

    engine.news.close()  # one process owns an embedded store: give it to the `newsdesk ask` processes
    cold = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "assistant.cli", "ask", questions[0], "--index-dir", str(index_dir)],
                       cwd=ROOT, check=True, capture_output=True)
        cold.append(time.perf_counter() - started)
    results["newsdesk_ask_cold_start_s"] = [round(c, 2) for c in cold]

    if args.llm:
        from assistant.engine import AnswerEngine
        from assistant.readers.llm.specs import load_llm

        llm = load_llm(args.llm)
        llm_engine = AnswerEngine(engine.config, llm=llm)
        subset = questions[: args.llm_questions]
        times, kept = [], 0
        for question in subset:
            started = time.perf_counter()
            answer = Assistant(engine=llm_engine).ask(question)
            times.append(time.perf_counter() - started)
            kept += answer.reader == "llm"
        results["newsdesk_llm_reader"] = latency_stats(times) | {"llm_answers_kept": kept, "model": args.llm}
        query_engine = plain.as_query_engine(llm=llm, similarity_top_k=4)
        times = []
        for question in subset:
            started = time.perf_counter()
            query_engine.query(question)
            times.append(time.perf_counter() - started)
        results["plain_llama_index_query_engine"] = latency_stats(times) | {"model": args.llm}

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_query.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
