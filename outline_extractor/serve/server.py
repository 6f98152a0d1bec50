"""Run the app under uvicorn (the `serve` verb)."""

from __future__ import annotations

import socket
import sys


class ServeError(Exception):
    """The server cannot start: one line on stderr, exit 2."""


class MissingExtra(ServeError):
    """The serve extra (FastAPI, uvicorn) is not installed."""


def run(host: str = "127.0.0.1", port: int = 8000) -> None:
    try:
        import uvicorn

        from .app import create_app
    except ImportError as exc:
        raise MissingExtra(
            f"serve needs the optional extra: pip install 'outline-extractor[serve]' ({exc.name} is missing)"
        ) from None
    check_address(host, port)
    sys.stderr.write(f"outline-extractor: serving on http://{_url_host(host)}:{port}/ (Ctrl+C stops)\n")
    uvicorn.run(create_app(), host=host, port=port, log_level="warning", access_log=False)


def check_address(host: str, port: int) -> None:
    """Bind the address once before uvicorn does, so that a port in use or an unknown host is
    one line (uvicorn would log it and exit 3 after we said we were serving)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind(address)
    except OSError as exc:
        raise ServeError(f"cannot listen on {_url_host(host)}:{port} ({exc.strerror or exc})") from None


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
