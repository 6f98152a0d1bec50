"""The work behind each API call, run in a worker (a process or a thread) off the event loop.

Nothing here imports FastAPI: a worker process loads only the library. A job goes in as plain
data and comes back as the finished answer (text and media type), so little crosses the
process boundary and the parse, the rendering and the JSON encoding all happen in the worker.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

Action = Literal["parse", "header", "check"]

MEDIA_TYPES = {
    "json": "application/json",
    "outline": "text/plain; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8",
    "tree": "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class Job:
    action: Action
    #: the uploaded bytes (a file), or None when the document came as JSON text
    data: bytes | None = None
    text: str | None = None
    #: the upload's file name as the client sent it (never a path on the server)
    filename: str | None = None
    format: str = "json"
    depth: int | None = None
    items: bool = False
    #: parse only: answer {"document", "text", "text_lines"} for the web page
    with_text: bool = False
    #: check only: the fields of check.CheckOptions that the request set
    check_options: dict | None = None


@dataclass(frozen=True)
class Answer:
    body: str = ""
    media_type: str = "application/json"
    #: (type, message) when the input cannot be used or an option is bad
    error: tuple[str, str] | None = None


def run(job: Job) -> Answer:
    """Do one job. Unusable input is an answer with `error`, never an exception."""
    from ..readers import InputError

    try:
        return _ACTIONS[job.action](job)
    except InputError as exc:
        return Answer(error=("InputError", str(exc)))


def warm_up() -> bool:
    """Import the pipeline in a fresh worker so the first request does not pay for it."""
    import importlib

    importlib.import_module("outline_extractor.pipeline")

    return True


def _parse(job: Job) -> Answer:
    from ..render import render
    from ..render.as_json import to_dict
    from ..render.common import RenderOptions

    document = _document(job)
    if job.format == "json" and job.with_text:
        page = {
            "document": to_dict(document, RenderOptions(depth=job.depth)),
            "text": document.text,
            "text_lines": document.text_lines,
        }
        return Answer(json.dumps(page, ensure_ascii=False, separators=(",", ":")))
    body = render(document, job.format, depth=job.depth, items=job.items, indent=None)
    return Answer(body, MEDIA_TYPES[job.format])


def _document(job: Job):
    from .. import parse_bytes, parse_text

    if job.data is not None:
        return parse_bytes(job.data, path=job.filename)
    return parse_text(job.text or "")


def _header(job: Job) -> Answer:
    from ..archive.header import header_for_bytes, header_for_text

    if job.data is not None:  # any format, as `header` prints it: a .docx/HTML/PDF gives the text read from it
        text, _ = header_for_bytes(job.data, path=job.filename, depth=job.depth)
    else:
        # a document without an outline comes back as it was
        text = header_for_text(job.text or "", depth=job.depth) or job.text or ""
    return Answer(text, "text/plain; charset=utf-8")


def _check(job: Job) -> Answer:
    from ..check import CheckOptions, check_bytes, check_text, unknown_codes
    from pydantic import ValidationError

    try:
        options = CheckOptions(**job.check_options) if job.check_options else None
    except ValidationError as exc:
        return Answer(error=("InvalidParameters", "; ".join(error["msg"] for error in exc.errors())))
    unknown = unknown_codes(set(options.select or ()) | set(options.ignore)) if options else set()
    if unknown:
        return Answer(error=("InvalidParameters", f"unknown rule code(s): {', '.join(sorted(unknown))}"))
    if job.data is not None:
        findings = check_bytes(job.data, path=job.filename, options=options)
    else:
        findings = check_text(job.text or "", options=options)
    return Answer(json.dumps([finding.model_dump(mode="json") for finding in findings], ensure_ascii=False))


_ACTIONS = {"parse": _parse, "header": _header, "check": _check}
