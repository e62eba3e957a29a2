"""Retrieval benchmark on MultiHop-RAG: dense only, BM25 only and hybrid, with the benchmark's metrics.

    python -m eval.benchmarks.bench_retrieval [--corpus DIR] [--queries FILE] [--index-dir DIR] [--offset N] [--limit N]
                                              [--modes lexical,dense,hybrid] [--out DIR]

Builds (or reuses) a Newsdesk index of the corpus, then retrieves the top 10 chunks for every non-null
query in each mode and prints Hits@4, Hits@10, MRR@10, evidence recall@10 (a chunk is a hit when a gold
fact, spaces removed, is a substring of it) and the retrieval latency p50/p95. Writes
``OUT/bench_retrieval.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from eval.benchmarks.bench_index import DEFAULT_CORPUS
from eval.benchmarks.bench_query import latency_stats

DEFAULT_QUERIES = DEFAULT_CORPUS.parent / "queries-dev.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--queries", type=Path, default=DEFAULT_QUERIES)
    parser.add_argument("--index-dir", type=Path, default=Path("bench-out/multihop-index"))
    parser.add_argument("--offset", type=int, default=0, help="skip the first N non-null queries")
    parser.add_argument("--limit", type=int, help="only the first N non-null queries (after --offset)")
    parser.add_argument("--modes", default="lexical,dense,hybrid")
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    args = parser.parse_args()

    from tqdm import tqdm

    from assistant.retrieval.hybrid import HybridRetriever
    from eval.multihop import load_queries, retrieval_metrics
    from index.config import IndexConfig
    from index.indexer import Indexer
    from index.store import NewsIndex

    queries = load_queries(args.queries, include_null=False)[args.offset:]
    queries = queries[: args.limit] if args.limit is not None else queries
    news = NewsIndex(IndexConfig.resolve(args.index_dir))
    Indexer(news).run([args.corpus])
    results: dict = {"corpus": str(args.corpus), "offset": args.offset, "queries": len(queries),
                     "chunks": news.docstore.counts()["chunks"]}
    for mode in args.modes.split(","):
        retriever = HybridRetriever(news, mode=mode)
        retriever.retrieve("warm up", top_k=10)
        totals: dict[str, float] = {}
        latencies = []
        for query in tqdm(queries, desc=mode, file=sys.stderr):
            started = time.perf_counter()
            passages = retriever.retrieve(query.question, top_k=10)
            latencies.append(time.perf_counter() - started)
            for key, value in retrieval_metrics([p.text for p in passages], query.facts).items():
                totals[key] = totals.get(key, 0.0) + value
        results[mode] = {k: round(v / len(queries), 3) for k, v in totals.items()} | latency_stats(latencies)
    news.close()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_retrieval.json").write_text(json.dumps(results, indent=2))
    print(f"\n{len(queries)} non-null queries, {results['chunks']} chunks")
    print(f"{'mode':<10}{'Hits@4':>8}{'Hits@10':>9}{'MRR@10':>8}{'recall@10':>11}{'p50 ms':>8}{'p95 ms':>8}")
    for mode in args.modes.split(","):
        row = results[mode]
        print(f"{mode:<10}{row['hits@4']:>8.3f}{row['hits@10']:>9.3f}{row['mrr@10']:>8.3f}"
              f"{row['evidence_recall@10']:>11.3f}{row['p50_ms']:>8.1f}{row['p95_ms']:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
