"""The Gradio Blocks app: streamed chat, source cards, an article viewer, a corpus panel with uploads, settings.

One :class:`~assistant.engine.AnswerEngine` serves every browser session; each session keeps its own
chat history (``gr.State``), so follow-ups work per user.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no version check or telemetry calls

import gradio as gr

from assistant.engine import AnswerEngine
from assistant.question.followup import Turn
from assistant.question.analyse import BadQuestion, normalise_question
from assistant.retrieval.hybrid import Filters
from index.config import EMBEDDING_MODEL_ID
from index.loaders import SUPPORTED_SUFFIXES
from ui.render import VIEWER_JS, VIEWER_PLACEHOLDER, answer_markdown, article_html, card_html, chat_markdown, esc

log = logging.getLogger("newsdesk.ui")
EXAMPLES = ["When is the summit?", "Who is Erdogan meeting?", "How many Turkish troops died in the airstrike?",
            "Why did Erdogan open Turkey's western borders?"]
CORPUS_COLUMNS = ["Title", "Source", "Published", "Chunks"]


def _date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _found_cards(passages: list) -> list[dict]:
    """Source cards for the retrieved passages (shown until the answer's own citations replace them)."""
    cards = []
    for n, p in enumerate(passages[:5], 1):
        quote = " ".join(p.text.split())
        cards.append({"n": n, "doc_id": p.doc_id, "title": p.title, "source": p.source,
                      "published": p.published.isoformat() if p.published else None, "url": p.url,
                      "quote": quote[:240] + ("…" if len(quote) > 240 else ""), "start": p.start,
                      "end": p.start + min(len(p.text), 240)})
    return cards


class ChatApp:
    """Builds the Blocks app around an engine.

    >>> demo = ChatApp(engine).build()
    >>> demo.queue(default_concurrency_limit=2).launch(server_name="127.0.0.1")
    """

    def __init__(self, engine: AnswerEngine, max_upload_mb: float = 20.0):
        self.engine = engine
        self.max_upload_mb = max_upload_mb

    # -- chat -------------------------------------------------------------------------------------
    def respond(self, question: str, messages: list, turns: list, reader: str, top_k: float,
                date_from: Any, date_to: Any) -> Iterator[tuple]:
        """Stream one answer: (chatbot, messages, turns, citations, question box, answer as a dict)."""
        messages = list(messages or [])
        try:
            text = normalise_question(question)
        except BadQuestion as err:
            messages += [{"role": "user", "content": chat_markdown(str(question or "")[:300])},
                         {"role": "assistant", "content": f"⚠️ {esc(err)}. Please ask a question about the articles."}]
            yield messages, messages, turns, gr.skip(), "", {"error": str(err)}
            return
        messages += [{"role": "user", "content": chat_markdown(text)}, {"role": "assistant", "content": "…"}]
        yield messages, messages, turns, [], "", None
        filters = Filters(published_from=_date(date_from), published_to=_date(date_to))
        history = [Turn(**t) for t in turns or []]
        written = ""
        try:
            for event in self.engine.stream(text, history, filters, int(top_k), reader):
                if event.kind == "status":
                    messages[-1] = {"role": "assistant", "content": f"_{esc(event.text)}_"}
                elif event.kind == "sources":  # the cards of what was found, while the answer is written
                    yield messages, messages, turns, _found_cards(event.passages or []), gr.skip(), gr.skip()
                    continue
                elif event.kind == "delta":
                    written += event.text
                    messages[-1] = {"role": "assistant", "content": chat_markdown(written) + " ▍"}
                else:
                    answer = event.answer
                    messages[-1] = {"role": "assistant", "content": answer_markdown(answer)}
                    turns = [*(turns or []), {"question": answer.question,
                                              "standalone": answer.standalone_question or answer.question,
                                              "answer": "" if answer.abstained else answer.short}][-6:]
                    yield messages, messages, turns, [c.to_dict() for c in answer.citations], gr.skip(), answer.to_dict()
                    return
                yield messages, messages, turns, gr.skip(), gr.skip(), gr.skip()
        except Exception as err:  # the app survives: the error becomes a message, not a traceback
            log.exception("answering failed")
            messages[-1] = {"role": "assistant", "content": f"⚠️ Sorry, that failed: {esc(err)}"}
            yield messages, messages, turns, [], gr.skip(), {"error": str(err)}

    @staticmethod
    def new_chat() -> tuple:
        return [], [], [], [], "", VIEWER_PLACEHOLDER, None

    def open_source(self, doc_id: str, start: int, end: int) -> str:
        article = self.engine.news.docstore.article(doc_id)
        if article is None:
            return '<p class="placeholder">That article is no longer in the index.</p>'
        return article_html(article.title, article.source, article.published_iso, article.url, article.text, start, end)

    # -- corpus -----------------------------------------------------------------------------------
    def corpus_rows(self, query: str = "") -> list[list[Any]]:
        query = (query or "").strip().lower()
        rows = []
        for a in self.engine.news.docstore.ready_articles():
            if query in a.title.lower() or query in (a.source or "").lower():
                rows.append([a.title, a.source or "unknown", (a.published or "")[:10] or "undated", a.n_chunks])
        return rows

    def upload(self, files: list[str] | None, query: str, progress: gr.Progress = gr.Progress()) -> tuple:
        """Index uploaded files at once; bad files are refused with the reason."""
        from index.indexer import Indexer
        from index.lock import IndexBusy

        if not files:
            return gr.skip(), "No files were uploaded."
        named: list[tuple[str, bytes]] = []
        refused: list[str] = []
        for path in files:
            p = Path(path)
            if p.suffix.lower() not in SUPPORTED_SUFFIXES:
                refused.append(f"{p.name}: unsupported file type (use {', '.join(SUPPORTED_SUFFIXES)})")
            elif p.stat().st_size > self.max_upload_mb * 1e6:
                refused.append(f"{p.name}: larger than {self.max_upload_mb:g} MB")
            else:
                named.append((p.name, p.read_bytes()))
        progress(0, desc="Indexing…")

        def step(done: int, total: int, label: str) -> None:
            progress(done / max(total, 1), desc=f"Indexing {label}")

        try:
            report = Indexer(self.engine.news, progress=step, lock_timeout=30).add_uploads(named) if named else None
        except IndexBusy as err:
            return gr.skip(), f"⚠️ {esc(err)}"
        lines = []
        if report is not None:
            lines.append(f"Indexed: {report.added} added, {report.updated} updated, {report.unchanged} unchanged; "
                         f"{report.articles_total} articles in the index.")
            refused += [f"{Path(s.origin).name}: {s.reason}" for s in report.skipped]
        lines += [f"⚠️ Not indexed: {esc(r)}" for r in refused]
        return self.corpus_rows(query), "  \n".join(lines)

    def models_markdown(self) -> str:
        counts = self.engine.news.docstore.counts()
        llm = self.engine.llm_name or "none (extractive reader only)"
        if self.engine.llm_problem:
            llm += f" — unavailable: {self.engine.llm_problem} (the extractive reader answers)"
        where = self.engine.config.chroma_url or str(self.engine.config.chroma_path)
        return (f"**Embeddings:** {EMBEDDING_MODEL_ID} (ONNX, CPU)  \n**Entities:** spaCy en_core_web_sm 3.8.0  \n"
                f"**LLM:** {esc(llm)}  \n**Index:** {esc(self.engine.config.index_dir)} — vectors in {esc(where)}  \n"
                f"**Articles:** {counts['articles']} ({counts['chunks']} chunks)")

    # -- layout -----------------------------------------------------------------------------------
    def build(self) -> gr.Blocks:
        readers = ["extractive"] + (["auto"] if self.engine.llm_reader else [])
        with gr.Blocks(title="Newsdesk") as demo:
            messages = gr.State([])
            turns = gr.State([])
            citations = gr.State([])
            gr.Markdown("## Newsdesk — ask the news, get checkable answers")
            with gr.Tab("Chat"):
                with gr.Row():
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(label="Chat", elem_id="chatbot", height=460, sanitize_html=True,
                                             render_markdown=True, buttons=["copy", "copy_all"], feedback_options=None)
                        answer_json = gr.JSON(visible=False)  # the full answer, for API clients
                        with gr.Row():
                            question = gr.Textbox(placeholder="Ask about the articles… e.g. When is the summit?",
                                                  show_label=False, elem_id="question", scale=5, lines=1, max_length=2000)
                            send = gr.Button("Ask", variant="primary", elem_id="send", scale=1)
                            new = gr.Button("New chat", elem_id="new-chat", scale=1)
                        gr.Examples(EXAMPLES, inputs=[question], label="Try")
                    with gr.Column(scale=2):
                        gr.Markdown("### Sources")

                        @gr.render(inputs=[citations])
                        def cards(items: list[dict]) -> None:
                            if not items:
                                gr.Markdown("_Each answer's sources appear here._", elem_classes="placeholder")
                                return
                            for item in items:
                                with gr.Group(elem_classes="source-card"):
                                    gr.HTML(card_html(_citation(item)), padding=True)
                                    button = gr.Button(f"Open [{item['n']}]", size="sm", elem_classes="open-source",
                                                       key=f"open-{item['n']}-{item['doc_id']}-{item['start']}")
                                    button.click(lambda d=item["doc_id"], s=item["start"], e=item["end"]:
                                                 self.open_source(d, s, e), None, viewer, api_visibility="private")

                        viewer = gr.HTML(VIEWER_PLACEHOLDER, elem_id="viewer", js_on_load=VIEWER_JS, max_height=420,
                                         padding=True, container=True)
            with gr.Tab("Corpus"):
                with gr.Row():
                    query = gr.Textbox(label="Filter by title or source", elem_id="corpus-filter", scale=3)
                    refresh = gr.Button("Refresh", scale=1)
                table = gr.Dataframe(value=self.corpus_rows(), headers=CORPUS_COLUMNS, interactive=False,
                                     elem_id="corpus-table", wrap=True)
                files = gr.File(label=f"Add articles ({', '.join(SUPPORTED_SUFFIXES)}; up to {self.max_upload_mb:g} MB each)",
                                file_count="multiple", file_types=list(SUPPORTED_SUFFIXES), elem_id="upload")
                status = gr.Markdown(elem_id="upload-status")
            with gr.Tab("Settings"):
                reader = gr.Radio(readers, value=readers[-1], label="Reader",
                                  info="auto: the local model reads the best excerpts, its answer checked against them (a few seconds); "
                                       "extractive: instant rule-based answers")
                top_k = gr.Slider(1, 20, value=self.engine.top_k, step=1, label="Passages to read (top-k)")
                with gr.Row():
                    date_from = gr.DateTime(label="Published from", include_time=False, type="string")
                    date_to = gr.DateTime(label="Published until", include_time=False, type="string")
                models = gr.Markdown(self.models_markdown(), elem_id="models")

            inputs = [question, messages, turns, reader, top_k, date_from, date_to]
            outputs = [chatbot, messages, turns, citations, question, answer_json]
            send.click(self.respond, inputs, outputs, api_name="ask", concurrency_id="answer")
            question.submit(self.respond, inputs, outputs, api_visibility="private", concurrency_id="answer")
            reset = [chatbot, messages, turns, citations, question, viewer, answer_json]
            new.click(self.new_chat, None, reset, api_name="new_chat")
            chatbot.clear(self.new_chat, None, reset, api_visibility="private")  # the chatbot's own trash icon
            query.change(self.corpus_rows, query, table, api_name="corpus", queue=False)
            refresh.click(self.corpus_rows, query, table, api_visibility="private", queue=False)
            files.upload(self.upload, [files, query], [table, status], api_name="upload", concurrency_limit=1)
            files.upload(self.models_markdown, None, models, api_visibility="private", queue=False)
        return demo


def _citation(item: dict) -> Any:
    from assistant.types import Citation

    return Citation(**item)
