"""``newsdesk index`` and ``newsdesk stats``."""

from __future__ import annotations

import argparse
import json
import sys

from index.config import SAMPLE_CORPUS, IndexConfig


def add_index_options(parser: argparse.ArgumentParser) -> None:
    """--index-dir and --chroma-url, shared by every command that opens an index."""
    parser.add_argument("--index-dir", help="index directory (env NEWSDESK_INDEX_DIR; default ~/.local/share/newsdesk/index)")
    parser.add_argument("--chroma-url", help="keep vectors on a Chroma server, e.g. http://127.0.0.1:8000 (env NEWSDESK_CHROMA_URL)")


def register(subparsers: argparse._SubParsersAction) -> None:
    index = subparsers.add_parser("index", help="index articles (default: the bundled sample corpus)",
                                  description="Index .txt/.md/.html/.json/.jsonl articles into the index.")
    index.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled corpus)")
    add_index_options(index)
    index.add_argument("--prune", action="store_true", help="remove articles whose files are gone")
    index.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                       help="wait this long for another indexer to finish (default: refuse at once)")
    index.add_argument("--json", action="store_true", help="print the report as JSON")
    index.add_argument("--quiet", action="store_true", help="no progress bar")
    index.set_defaults(handler=run_index)

    stats = subparsers.add_parser("stats", help="what the index holds")
    add_index_options(stats)
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(handler=run_stats)


def run_index(args: argparse.Namespace) -> int:
    from index.indexer import Indexer
    from index.store import NewsIndex

    config = IndexConfig.resolve(args.index_dir, args.chroma_url)
    paths = args.paths or [str(SAMPLE_CORPUS)]
    bar = None
    if not args.quiet:
        from tqdm import tqdm

        bar = tqdm(total=0, unit="file", desc="indexing", file=sys.stderr, leave=False)

    def progress(done: int, total: int, label: str) -> None:
        bar.total = total
        bar.set_postfix_str(label[:40], refresh=False)
        bar.update(done - bar.n)

    indexer = Indexer(NewsIndex(config), progress=progress if bar else None, lock_timeout=args.wait)
    try:
        report = indexer.run(paths, prune=args.prune)
    finally:
        if bar:
            bar.close()
    for skipped in report.skipped:
        print(f"warning: skipped {skipped.origin}: {skipped.reason}", file=sys.stderr)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(report.summary())
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from index.docstore import DocStore

    config = IndexConfig.resolve(args.index_dir, args.chroma_url)
    if not config.docstore_path.exists():
        print(f"error: no index in {config.index_dir} (run: newsdesk index)", file=sys.stderr)
        return 1
    store = DocStore(config.docstore_path)
    articles = store.ready_articles()
    counts = store.counts()
    if args.json:
        print(json.dumps({"index_dir": str(config.index_dir), "chroma_url": config.chroma_url, **counts,
                          "articles_list": [a.__dict__ for a in articles]}, indent=2))
        return 0
    print(f"index: {config.index_dir}" + (f" (vectors on {config.chroma_url})" if config.chroma_url else ""))
    print(f"{counts['articles']} articles, {counts['chunks']} chunks, "
          f"{counts.get('files_indexed', 0)} files indexed, {counts.get('files_skipped', 0)} skipped")
    for a in articles:
        date = (a.published or "")[:10] or "undated"
        print(f"  {date}  {a.source or 'unknown source':<18.18}  {a.n_chunks:>3} chunks  {a.title}")
    return 0
