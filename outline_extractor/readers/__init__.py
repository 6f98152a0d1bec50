"""Input files to the text the normaliser takes, one module per format.

The format is chosen by content first (a ZIP holding `word/document.xml`, `%PDF-`, HTML tags)
and by the file's extension second. Each format's module imports its library only when a file
of that format comes, so reading a .txt stays fast.
"""

from __future__ import annotations

import io
import os
import re
import sys
import zipfile
from pathlib import Path

from .. import recache
from .base import Format, InputError, RawText

__all__ = ["Format", "InputError", "RawText", "detect_format", "read_bytes", "read_file", "read_path"]

_EXTENSIONS: dict[str, Format] = {".docx": "docx", ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf"}
#: The first tag of an HTML page, after an optional BOM, comments and whitespace.
_HTML_START = recache.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]", re.I | re.S)
#: HTML that does not start with a tag (a fragment saved after some text) is told by its tags.
_HTML_TAGS = recache.compile(rb"<(?:p|div|br|table|span|h[1-6])[\s>/]", re.I)


def detect_format(data: bytes, path: str | None) -> Format:
    """Which reader takes these bytes: by content first, by the extension of `path` second."""
    head = data[:2048]
    if head.startswith(b"PK\x03\x04") and _is_docx(data):
        return "docx"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(data[:65536])) >= 5:
        return "html"
    if path:
        by_extension = _EXTENSIONS.get(Path(path).suffix.lower())
        if by_extension:
            return by_extension
    return "text"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


def read_bytes(data: bytes, *, path: str | None = None) -> RawText:
    """Read input bytes of any supported format; raise InputError for unusable input.
    `path` names the input in messages ("-": stdin) and tells the format by its extension."""
    return _read(data, path, "<stdin>" if path == "-" else path or "<input>")


def _read(data: bytes, path: str | None, label: str) -> RawText:
    if not data.strip():
        raise InputError(f"{label}: empty file")
    fmt = detect_format(data, path)
    if fmt == "docx":
        from .docx import read_docx as reader
    elif fmt == "html":
        from .html import read_html as reader
    elif fmt == "pdf":
        from .pdf import read_pdf as reader
    else:
        from .text import decode_bytes

        return decode_bytes(data, path=path, name=label)
    raw = reader(data, path=path, label=label)
    raw.format = fmt
    return raw


def read_path(path: str | Path) -> RawText:
    """Read a file (or stdin for "-") of any supported format."""
    name = str(path)
    if name == "-":
        return _read(sys.stdin.buffer.read(), None, "<stdin>")
    return read_bytes(read_file(name), path=name)


def read_file(path: str | Path, *, regular_only: bool = False) -> bytes:
    """A file's bytes; InputError with a one-line reason when it cannot be read. `regular_only`
    refuses FIFOs and devices (in an archive folder they would block or never end); a path the
    user names may be one (`parse <(curl …)`)."""
    name = str(path)
    if regular_only and os.path.exists(name) and not os.path.isdir(name) and not os.path.isfile(name):
        raise InputError(f"{name}: not a regular file")
    try:
        return Path(name).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror or error})") from None
