"""Publisher names from URLs."""

from __future__ import annotations

from urllib.parse import urlparse


def source_from_url(url: str | None) -> str | None:
    """``https://www.rt.com/news/...`` -> ``rt.com``; None without a usable host."""
    if not url:
        return None
    host = urlparse(url if "://" in url else f"//{url}").hostname or ""
    host = host.removeprefix("www.").removeprefix("amp.")
    return host or None
