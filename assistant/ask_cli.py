"""``newsdesk ask "QUESTION"``: one answer, as text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date


def register(subparsers: argparse._SubParsersAction) -> None:
    from index.cli import add_index_options

    parser = subparsers.add_parser("ask", help="answer one question from the index, with citations",
                                   description="Answer a question from the indexed articles.")
    parser.add_argument("question", help="the question (quote it)")
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    add_index_options(parser)
    parser.add_argument("--llm", help="LLM spec (env NEWSDESK_LLM; default: local, the packaged 1.5B model): "
                        "local-0.5b, none, gguf:PATH, openai:URL[#MODEL], ollama:MODEL[@URL]")
    parser.add_argument("--reader", choices=("auto", "extractive", "llm"), default="auto",
                        help="auto: the LLM reader, and the multi-hop reader for yes/no questions across sources; "
                        "llm: the LLM reader alone; extractive: instant, rule-based (also the fallback when no "
                        "model can be loaded)")
    parser.add_argument("--top-k", type=int, default=8, help="passages to read (default 8)")
    parser.add_argument("--asked-on", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="the day the question is asked (default today): later articles are not read, and "
                        "'this week' is the week before it")
    parser.set_defaults(handler=run)


def _sources(answer) -> str:
    lines = []
    for c in answer.citations:
        date = (c.published or "")[:10] or "undated"
        lines.append(f"  [{c.n}] {c.title} — {c.source or 'unknown source'}, {date}"
                     + (f" <{c.url}>" if c.url else "") + f" (chars {c.start}–{c.end})")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from assistant.chat import Assistant, get_engine
    from assistant.engine import IndexMissing
    from assistant.readers.llm.specs import LLMSpecError
    from assistant.question.analyse import BadQuestion

    try:
        engine = get_engine(args.index_dir, args.chroma_url, args.llm, args.top_k)
        chat = Assistant(engine=engine, top_k=args.top_k, reader=args.reader)
        answer = None
        for event in chat.stream(args.question, asked_on=args.asked_on):
            if event.kind == "delta" and not args.json:
                print(event.text, end="", file=sys.stderr, flush=True)
            elif event.kind == "answer":
                answer = event.answer
    except BadQuestion as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except (IndexMissing, LLMSpecError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if args.json:
        data = answer.to_dict()
        keys = ("question", "answer", "abstained", "citations", "timings", "reader", "standalone_question")
        print(json.dumps({k: data[k] for k in keys}, indent=2, ensure_ascii=False))
        return 0
    if answer.reader != "extractive" or answer.notes:
        print(file=sys.stderr)
    print(answer.text)
    if answer.citations:
        print("\nSources:\n" + _sources(answer))
    for note in answer.notes:
        print(f"note: {note}", file=sys.stderr)
    return 0
