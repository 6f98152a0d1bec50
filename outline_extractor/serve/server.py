"""Run the app under uvicorn (the `serve` verb)."""

from __future__ import annotations

import sys


class MissingExtra(Exception):
    """The serve extra (FastAPI, uvicorn) is not installed."""


def run(host: str = "127.0.0.1", port: int = 8000) -> None:
    try:
        import uvicorn

        from .app import create_app
    except ImportError as exc:
        raise MissingExtra(
            f"serve needs the optional extra: pip install 'outline-extractor[serve]' ({exc.name} is missing)"
        ) from None
    sys.stderr.write(f"outline-extractor: serving on http://{_url_host(host)}:{port}/ (Ctrl+C stops)\n")
    uvicorn.run(create_app(), host=host, port=port, log_level="warning", access_log=False)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
