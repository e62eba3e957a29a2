"""HTML for the web chat. Every piece of article text, title, source or question is escaped here:
article text is data, and markup inside it must show as text, never run."""

from __future__ import annotations

import html
from datetime import datetime

from assistant.types import Answer, Citation


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def nice_date(iso: str | None) -> str:
    if not iso:
        return "undated"
    try:
        value = datetime.fromisoformat(iso)
    except ValueError:
        return esc(iso)
    day = f"{value.day} {value:%B %Y}"
    return day if (value.hour, value.minute) == (0, 0) else f"{day}, {value:%H:%M}"


def chat_markdown(text: str) -> str:
    """Message text for the Chatbot: escaped (so `<script>` shows as text), line breaks kept."""
    return html.escape(text, quote=False).replace("\n", "  \n")


def answer_markdown(answer: Answer) -> str:
    """The answer as shown in the chat: the direct answer, then the numbered quotes."""
    body = chat_markdown(answer.text)
    if answer.abstained:
        reason = f"  \n<sub>{esc(answer.notes[0])}</sub>" if answer.notes else ""
        return body + reason
    extras = [esc(n) for n in answer.notes if not n.startswith("fallback")]
    if answer.reader != "extractive":
        extras.insert(0, f"written by {esc(answer.reader)}, citations checked")
    elif any(n.startswith("fallback") for n in answer.notes):
        extras.insert(0, "the LLM's answer was not supported by its sources; this is the extractive answer")
    return body + (f"  \n<sub>{'; '.join(extras)}</sub>" if extras else "")


def card_html(citation: Citation) -> str:
    return (f'<div class="card-head"><span class="card-n">[{citation.n}]</span> <b>{esc(citation.title)}</b></div>'
            f'<div class="card-meta">{esc(citation.source or "unknown source")} · {nice_date(citation.published)}</div>'
            f'<blockquote class="card-quote">“{esc(citation.quote)}”</blockquote>')


def article_html(title: str, source: str | None, published: str | None, url: str | None, text: str,
                 start: int | None = None, end: int | None = None) -> str:
    """The whole cleaned article; the cited span (offsets into the raw text) marked."""
    if start is not None and end is not None and 0 <= start < end <= len(text):
        body = f'{esc(text[:start])}<mark class="cite">{esc(text[start:end])}</mark>{esc(text[end:])}'
    else:
        body = esc(text)
    link = f' · <a href="{esc(url)}" target="_blank" rel="noopener noreferrer">original</a>' if url and url.startswith(("http://", "https://")) else ""
    return (f'<div class="article"><h3>{esc(title)}</h3>'
            f'<p class="meta">{esc(source or "unknown source")} · {nice_date(published)}{link}</p>'
            f'<div class="article-body">{body}</div></div>')


VIEWER_PLACEHOLDER = '<p class="placeholder">Open a source card to read the whole article here.</p>'

CSS = """
#viewer .article-body { white-space: pre-wrap; line-height: 1.5; }
#viewer mark.cite { background: #ffe066; padding: 0 2px; border-radius: 2px; }
#viewer .meta, .card-meta { color: #666; font-size: 0.85em; }
.source-card blockquote { margin: 6px 0 0 0; font-style: italic; }
.card-n { color: #c2410c; font-weight: 600; }
.placeholder { color: #888; }
"""

#: Scroll the highlighted span into view whenever the viewer's content changes.
VIEWER_JS = """
watch('value', () => {
  const mark = element.querySelector('mark.cite');
  if (mark) mark.scrollIntoView({block: 'center', behavior: 'instant'});
});
"""
