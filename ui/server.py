"""Launching the app safely: loopback by default, never a share link, a password for anything else."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

from assistant.engine import AnswerEngine
from ui.app import ChatApp
from ui.render import CSS


class UnsafeLaunch(ValueError):
    """Binding beyond loopback without --auth."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        try:
            return all(ipaddress.ip_address(info[4][0]).is_loopback for info in socket.getaddrinfo(host, None))
        except OSError:
            return False


def parse_auth(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise UnsafeLaunch("--auth must be USER:PASS")
    return user, password


def launch(engine: AnswerEngine, host: str = "127.0.0.1", port: int = 7860, auth: str | None = None,
           block: bool = True, max_upload_mb: float = 20.0, concurrency: int = 16) -> tuple[Any, str]:
    """Start the server; returns (demo, local URL). Refuses a non-loopback host without ``auth``."""
    credentials = parse_auth(auth)
    if not is_loopback(host) and credentials is None:
        raise UnsafeLaunch(f"binding {host} exposes the app beyond this machine; give --auth USER:PASS")
    demo = ChatApp(engine, max_upload_mb=max_upload_mb).build()
    demo.queue(default_concurrency_limit=concurrency, max_size=256)
    _, url, _ = demo.launch(server_name=host, server_port=port, share=False, auth=credentials,
                            prevent_thread_lock=not block, max_file_size=f"{max_upload_mb:g}mb", show_error=False,
                            css=CSS, ssr_mode=False, quiet=True, footer_links=["api"])
    return demo, url
