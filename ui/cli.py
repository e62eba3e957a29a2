"""``newsdesk chat``: the web chat over the index (the bundled corpus on first run)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from typing import Any


def register(subparsers: argparse._SubParsersAction) -> None:
    from index.cli import add_index_options

    parser = subparsers.add_parser("chat", help="start the web chat (http://127.0.0.1:7860)",
                                   description="Start the Gradio web chat over the index.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; others need --auth)")
    parser.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    add_index_options(parser)
    parser.add_argument("--llm", help="LLM spec (env NEWSDESK_LLM; default: local, the packaged 1.5B model): "
                        "local-0.5b, none, gguf:PATH, openai:URL[#MODEL], ollama:MODEL[@URL]")
    parser.add_argument("--auth", metavar="USER:PASS", help="require a login (needed for a non-loopback --host)")
    parser.add_argument("--max-upload-mb", type=float, default=20.0, help="largest upload accepted (default 20)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from assistant.chat import get_engine
    from assistant.engine import IndexMissing
    from assistant.readers.llm.specs import LLMSpecError
    from index.config import IndexConfig, default_index_dir
    from ui.server import UnsafeLaunch, launch

    try:
        engine = get_engine(args.index_dir, args.chroma_url, args.llm)
        config = IndexConfig.resolve(args.index_dir, args.chroma_url)
        if not args.index_dir and config.index_dir == default_index_dir():
            engine.build_if_missing = True
        print("Loading the index and models…", file=sys.stderr, flush=True)
        engine.warm_up()
        demo, url = launch(engine, args.host, args.port, args.auth, block=False, max_upload_mb=args.max_upload_mb)
    except (UnsafeLaunch, IndexMissing, LLMSpecError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2 if isinstance(err, UnsafeLaunch) else 1
    except OSError as err:
        print(f"error: cannot start the server on {args.host}:{args.port}: {err}", file=sys.stderr)
        return 1
    print(f"Newsdesk is running at {url}  (Ctrl+C to stop)", flush=True)
    signal.signal(signal.SIGTERM, _interrupt)  # a service manager's stop is a Ctrl+C too
    try:
        while demo.is_running:
            time.sleep(0.2)
    except KeyboardInterrupt:
        print("Stopping…", file=sys.stderr, flush=True)
    return _stop(demo, engine)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _stop(demo: Any, engine: Any, grace_s: float = 10.0) -> int:
    """Close the server, waiting at most ``grace_s`` for open connections (browser tabs keep theirs
    open), then release the index; exit at once rather than hang on a connection that never closes."""
    closer = threading.Thread(target=demo.close, daemon=True)
    closer.start()
    closer.join(grace_s)
    engine.news.close()
    if closer.is_alive():
        print(f"open connections did not close within {grace_s:g} s; stopping anyway", file=sys.stderr, flush=True)
        sys.stdout.flush()
        os._exit(0)
    return 0
