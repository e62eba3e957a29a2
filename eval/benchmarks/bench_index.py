"""Index build benchmark: Newsdesk's indexer and a plain llama-index pipeline on the same corpus, in one run.

    python -m eval.benchmarks.bench_index [--corpus DIR] [--limit N] [--out DIR]

Each pipeline runs in its own process (so peak RSS is its own) on the same articles with the same
packaged MiniLM. Printed and written to ``OUT/bench_index.json``:

- wall time, time inside the embedding model, overhead beyond it (%), chunks, disk size, peak RSS;
- for Newsdesk: the unchanged re-index (in-process and as a fresh ``newsdesk index`` process), and the
  raw embedding time of exactly its chunk texts with nothing else around it;
- for the plain pipeline (``SimpleDirectoryReader`` → ``SentenceSplitter(chunk_size=256, chunk_overlap=20)`` →
  ``VectorStoreIndex.from_documents`` into Chroma): the share of chunks longer than the model's
  256-wordpiece window, whose tails it never embeds (the embedder truncates, as MiniLM does).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "multihop-rag" / "corpus"


def _disk(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_newsdesk(corpus: Path, work: Path) -> dict:
    from index.config import IndexConfig
    from index.indexer import Indexer
    from index.store import NewsIndex

    started = time.perf_counter()
    news = NewsIndex(IndexConfig.resolve(work / "newsdesk-index"))
    report = Indexer(news).run([corpus])
    wall = time.perf_counter() - started
    rss = _peak_rss_mb()
    again = time.perf_counter()
    unchanged = Indexer(NewsIndex(news.config)).run([corpus])
    reindex = time.perf_counter() - again
    return {"pipeline": "newsdesk", "articles": report.articles_total, "chunks": report.chunks_total,
            "wall_s": wall, "embed_s": report.embed_seconds, "disk_bytes": _disk(news.config.index_dir),
            "peak_rss_mb": rss, "unchanged_reindex_s": reindex, "unchanged_embedded": unchanged.chunks_embedded,
            "skipped": len(report.skipped)}


def run_raw_embedding(work: Path) -> dict:
    """Embed exactly the chunk texts Newsdesk embedded (title + chunk), and nothing else."""
    from index.docstore import DocStore
    from index.embedding import MiniLMEmbedding

    store = DocStore(work / "newsdesk-index" / "newsdesk.sqlite3")
    texts = [f"{title}\n{chunk.text}" for chunk, title, _ in store.ready_chunks()]
    embedder = MiniLMEmbedding()
    started = time.perf_counter()
    for i in range(0, len(texts), 256):
        embedder.embed(texts[i:i + 256])
    return {"pipeline": "raw-embedding", "chunks": len(texts), "embed_s": time.perf_counter() - started,
            "peak_rss_mb": _peak_rss_mb()}


def run_plain(corpus: Path, work: Path) -> dict:
    import chromadb
    from chromadb.config import Settings
    from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.core.schema import MetadataMode
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from index.embedding import MiniLMEmbedding

    class TimedEmbedding(MiniLMEmbedding):
        seconds: float = 0.0

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            started = time.perf_counter()
            try:
                return super()._get_text_embeddings(texts)
            finally:
                self.seconds += time.perf_counter() - started

    started = time.perf_counter()
    embedder = TimedEmbedding(truncate=True, embed_batch_size=64)
    documents = SimpleDirectoryReader(str(corpus), required_exts=[".txt"]).load_data()
    client = chromadb.PersistentClient(path=str(work / "plain-chroma"), settings=Settings(anonymized_telemetry=False))
    collection = client.get_or_create_collection("plain", metadata={"hnsw:space": "cosine"}, embedding_function=None)
    storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
    splitter = SentenceSplitter(chunk_size=256, chunk_overlap=20)  # llama-index's Settings defaults, at 256 tokens
    VectorStoreIndex.from_documents(documents, storage_context=storage, embed_model=embedder,
                                    transformations=[splitter])
    wall = time.perf_counter() - started
    nodes = splitter.get_nodes_from_documents(documents)
    lengths = embedder.count_wordpieces([n.get_content(metadata_mode=MetadataMode.EMBED) for n in nodes])
    return {"pipeline": "llama-index plain", "articles": len(documents), "chunks": collection.count(), "wall_s": wall,
            "embed_s": embedder.seconds, "disk_bytes": _disk(work / "plain-chroma"), "peak_rss_mb": _peak_rss_mb(),
            "chunks_truncated": sum(1 for n in lengths if n > 254) / max(len(lengths), 1)}


def _child(kind: str, corpus: Path, work: Path) -> dict:
    done = subprocess.run([sys.executable, "-m", "eval.benchmarks.bench_index", "--child", kind, "--corpus", str(corpus),
                           "--work", str(work)], capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2])
    if done.returncode != 0:
        raise RuntimeError(f"{kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cli_reindex(corpus: Path, work: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "assistant.cli", "index", str(corpus), "--index-dir",
                    str(work / "newsdesk-index"), "--quiet"], check=True, capture_output=True,
                   cwd=Path(__file__).resolve().parents[2])
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="use only the first N articles")
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help="work here and keep it (the Newsdesk index is WORK/newsdesk-index)")
    args = parser.parse_args()
    if args.child:
        run = {"newsdesk": run_newsdesk, "plain": run_plain}.get(args.child)
        result = run(args.corpus, args.work) if run else run_raw_embedding(args.work)
        print(json.dumps(result))
        return 0
    keep = args.work is not None
    work = args.work or Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = args.corpus
    if args.limit:
        corpus = work / "corpus"
        corpus.mkdir()
        for path in sorted(args.corpus.glob("*.txt"))[: args.limit]:
            shutil.copy(path, corpus / path.name)
    results = {}
    args.out.mkdir(parents=True, exist_ok=True)
    for kind in ("newsdesk", "raw", "plain"):
        print(f"running {kind}…", file=sys.stderr, flush=True)
        results[kind] = _child(kind, corpus, work)
        print(json.dumps(results[kind]), file=sys.stderr, flush=True)
    results["newsdesk"]["unchanged_reindex_cli_s"] = _cli_reindex(corpus, work)
    ours, plain, raw = results["newsdesk"], results["plain"], results["raw"]
    summary = {
        "corpus": str(args.corpus), "articles": ours["articles"], "cpu_count": os.cpu_count(),
        "newsdesk_over_own_embedding_pct": 100 * (ours["wall_s"] - ours["embed_s"]) / ours["embed_s"],
        "newsdesk_over_raw_embedding_pct": 100 * (ours["wall_s"] - raw["embed_s"]) / raw["embed_s"],
        "plain_over_own_embedding_pct": 100 * (plain["wall_s"] - plain["embed_s"]) / plain["embed_s"],
        "ratio_newsdesk_to_plain": ours["wall_s"] / plain["wall_s"],
    }
    (args.out / "bench_index.json").write_text(json.dumps({"summary": summary, **results}, indent=2))
    print(f"\n{'pipeline':<20}{'wall s':>9}{'embed s':>9}{'chunks':>8}{'disk MB':>9}{'peak RSS MB':>13}")
    for row in (ours, raw, plain):
        print(f"{row['pipeline']:<20}{row.get('wall_s', row['embed_s']):>9.1f}{row['embed_s']:>9.1f}{row['chunks']:>8}"
              f"{row.get('disk_bytes', 0) / 1e6:>9.1f}{row['peak_rss_mb']:>13.0f}")
    print(f"\nNewsdesk overhead beyond its embedding: {summary['newsdesk_over_own_embedding_pct']:.1f}% "
          f"(beyond the raw embedding of the same texts: {summary['newsdesk_over_raw_embedding_pct']:.1f}%)")
    print(f"plain llama-index overhead beyond its embedding: {summary['plain_over_own_embedding_pct']:.1f}%; "
          f"its chunks longer than the model window (tails never embedded): {100 * plain['chunks_truncated']:.0f}%")
    print(f"ratio Newsdesk / plain llama-index (wall): {summary['ratio_newsdesk_to_plain']:.2f}")
    print(f"unchanged re-index: {ours['unchanged_reindex_s']:.2f} s in-process, "
          f"{ours['unchanged_reindex_cli_s']:.2f} s as `newsdesk index`; chunks embedded: {ours['unchanged_embedded']}")
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
