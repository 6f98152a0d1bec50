"""One input path → one batch record (CONTRACT §5), and the (path, sha256) keys of a JSONL file.

Pure functions of their input, shared by the local batch and the Dask path, so both give the
same records.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from ..models import Document
from ..pipeline import parse_bytes
from ..reader import InputError
from ..render.as_json import to_dict


@dataclass
class Outcome:
    """A record as one JSON line, with what the summary counts."""

    path: str
    line: str
    size: int = 0
    error: bool = False
    codes: tuple[str, ...] = ()
    header: str | None = None  # batch --header: "written", "unchanged" or "no-outline"


def error_record(path: str, sha256: str | None, kind: str, message: str) -> dict:
    return {"source": {"path": path, "sha256": sha256}, "error": {"type": kind, "message": message}}


def parse_or_error(data: bytes, path: str, **parse_options) -> Document | dict:
    """The parsed document, or an error record; never raises for bad input."""
    try:
        return parse_bytes(data, path=path, **parse_options)
    except InputError as exc:
        return error_record(path, hashlib.sha256(data).hexdigest(), "InputError", str(exc))
    except Exception as exc:  # a parser bug must not stop an archive run: it becomes its record
        return error_record(path, hashlib.sha256(data).hexdigest(), type(exc).__name__, f"{path}: {exc}")


def record_for_bytes(data: bytes, path: str, **parse_options) -> dict:
    """The record of CONTRACT §5 for a document's bytes."""
    parsed = parse_or_error(data, path, **parse_options)
    return parsed if isinstance(parsed, dict) else to_dict(parsed)


def error_outcome(path: str, sha256: str | None, kind: str, message: str, size: int = 0) -> Outcome:
    return Outcome(path, to_line(error_record(path, sha256, kind, message)), size, error=True)


def to_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


_DECODER = json.JSONDecoder()


def record_key(line: str) -> tuple[str, str | None] | None:
    """(source.path, source.sha256) of a record line; None for a line that is not a record.

    Only the small `source` object is decoded (it stands first or second in every record), so
    reading the keys of a large OUT file does not decode every outline again.
    """
    at = line.find('"source":')
    if at < 0 or not line.startswith("{"):
        return None
    try:
        source, _ = _DECODER.raw_decode(line, at + len('"source":'))
    except ValueError:
        return None
    if not isinstance(source, dict) or not isinstance(source.get("path"), str):
        return None
    return source["path"], source.get("sha256")
