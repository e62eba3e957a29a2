"""The ``newsdesk`` command: index, stats, ask, chat and eval, each defined beside the code it runs."""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsdesk", description="Question answering over news articles, with citations.")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    from index.cli import register as register_index

    register_index(subparsers)
    for module in ("assistant.ask_cli", "ui.cli", "eval.cli"):
        try:
            __import__(module, fromlist=["register"]).register(subparsers)
        except ModuleNotFoundError as err:
            if err.name != module:
                raise
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    from index.docstore import CorruptIndex
    from index.indexer import IndexSettingsChanged
    from index.lock import IndexBusy
    from index.vectors import VectorStoreUnavailable

    try:
        return args.handler(args)
    except (IndexBusy, IndexSettingsChanged, CorruptIndex, VectorStoreUnavailable) as err:
        print(f"error: {err}", file=sys.stderr)  # a clear line, not a traceback, for failures we can name
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
