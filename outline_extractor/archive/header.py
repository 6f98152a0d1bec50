"""Write a document's 【提纲】 line (CONTRACT §3) on top of it: to a string, or back into the file.

Writing back keeps every byte but the header's own: the header line is encoded alone and
spliced into the original bytes (after any byte-order mark, with the file's own line end), so
GBK stays GBK, CRLF stays CRLF. A first line that already is a 【提纲】 line is replaced, never
stacked; when the new bytes equal the old the file is not touched. The parser keeps a leading
【提纲】 line out of the body (meta.published_outline), so a second run computes the same line.
"""

from __future__ import annotations

import io
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..models import Document
from ..pipeline import parse_raw, parse_text
from ..readers import detect_format, read_bytes, read_file
from ..readers.text import decode_bytes, writing_codec
from ..render import render
from ..render.as_outline import PREFIX
from .files import atomic_write

#: The formats whose files are not rewritten, as the refusal names them.
_REFUSED = {"pdf": "a PDF file", "html": "an HTML file"}


class HeaderError(Exception):
    """The header cannot be written back into this file (PDF, HTML, damaged bytes ...)."""


@dataclass(frozen=True)
class HeaderResult:
    path: str
    status: str  # "written", "unchanged" or "no-outline"


def outline_line(document: Document, depth: int | None = None) -> str | None:
    """The 【提纲】 line of a parsed document; None when it has no headings and no agenda."""
    line = render(document, "outline", depth=depth)
    return None if line == PREFIX else line


def header_for_text(text: str, *, depth: int | None = None) -> str | None:
    """The text with its 【提纲】 line on top (an existing leading one replaced); None without outline."""
    line = outline_line(parse_text(text), depth)
    return None if line is None else put_header(text, line)


def put_header(text: str, line: str) -> str:
    """`line` as the text's header: in place of a leading 【提纲】 line, or on top."""
    start, end, eol = header_place(text)
    return text[:start] + line + ("" if end > start else eol) + text[end:]


def header_place(text: str) -> tuple[int, int, str]:
    """Where the header goes: (start, end) of an existing leading 【提纲】 line (without its line
    end), or twice the top of the text (after a U+FEFF) to insert there; and the text's line end,
    to follow an inserted line."""
    eol = _line_end(text)
    top = 1 if text.startswith("\ufeff") else 0  # a byte-order mark left in the text stays first
    body = text.lstrip("\ufeff \t\r\n\u3000")
    if body.startswith(PREFIX):
        start = len(text) - len(body)
        return start, _end_of_line(text, start), eol
    return top, top, eol


def _line_end(text: str) -> str:
    newline = text.find("\n")
    if newline > 0 and text[newline - 1] == "\r":
        return "\r\n"
    if newline < 0 and "\r" in text:
        return "\r"
    return "\n"


def _end_of_line(text: str, start: int) -> int:
    ends = [i for i in (text.find("\r", start), text.find("\n", start)) if i >= 0]
    return min(ends) if ends else len(text)


# --- files -------------------------------------------------------------------------------------

def text_with_header(path: str, *, depth: int | None = None) -> tuple[str, bool]:
    """For stdout: the document's text with its header, and whether it had an outline ("-": stdin)."""
    data = sys.stdin.buffer.read() if path == "-" else read_file(path)
    return header_for_bytes(data, path=path, depth=depth)


def header_for_bytes(data: bytes, *, path: str | None = None, depth: int | None = None) -> tuple[str, bool]:
    """The text of a document given as bytes (any format) with its header on top, and whether
    it had an outline. Text keeps its own text; other formats give the text the reader took out."""
    raw = read_bytes(data, path=path)
    document = parse_raw(raw)
    text = raw.text if raw.format == "text" else document.text
    line = outline_line(document, depth)
    return (text, False) if line is None else (put_header(text, line), True)


def write_header(path: str, *, depth: int | None = None, document: Document | None = None,
                 data: bytes | None = None) -> HeaderResult:
    """Write the header into the file in place (atomically). `document`/`data`: an already parsed
    document and the bytes it came from, to avoid reading and parsing twice (batch --header)."""
    if path == "-":
        raise HeaderError("-: stdin cannot be written in place; run `header -` without --in-place")
    if data is None:
        data = read_file(path)
    kind = detect_format(data, path)
    if kind in ("pdf", "html"):
        raise HeaderError(f"{path}: {_REFUSED[kind]} cannot take a header in place; "
                          "run `header` without --in-place to get the text with its header on stdout")
    if document is None:
        document = parse_raw(read_bytes(data, path=path))
    line = outline_line(document, depth)
    if line is None:
        return HeaderResult(path, "no-outline")
    new = docx_with_header(data, line) if kind == "docx" else bytes_with_header(data, line, path=path)
    if new == data:
        return HeaderResult(path, "unchanged")
    atomic_write(Path(path), new)
    return HeaderResult(path, "written")


def bytes_with_header(data: bytes, line: str, *, path: str | None = None) -> bytes:
    """The file's bytes with `line` as its header, every other byte as it was."""
    raw = decode_bytes(data, path=path)
    writing = writing_codec(data, raw.encoding)
    if writing is None:
        raise HeaderError(f"{path or '<input>'}: cannot write text back in {raw.encoding} without a byte-order mark; not written")
    bom, codec = writing
    start, end, eol = header_place(raw.text)
    byte_start = len(bom) + len(raw.text[:start].encode(codec))
    byte_end = len(bom) + len(raw.text[:end].encode(codec))
    if data[len(bom):byte_end] != raw.text[:end].encode(codec):
        raise HeaderError(f"{path or '<input>'}: the top of the file does not re-encode to its own bytes "
                          f"({raw.encoding}); not written")
    piece = (line if end > start else line + eol).encode(codec, errors="strict")
    return data[:byte_start] + piece + data[byte_end:]


def docx_with_header(data: bytes, line: str) -> bytes:
    """A .docx with `line` as its first paragraph, in the style most of its paragraphs use.
    A first paragraph that already is a 【提纲】 line is rewritten instead. Same bytes back if
    the header is already there."""
    import docx  # python-docx, loaded only for .docx

    document = docx.Document(io.BytesIO(data))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    if paragraphs and paragraphs[0].text.strip().startswith(PREFIX):
        if paragraphs[0].text == line:
            return data
        paragraphs[0].text = line
    else:
        styles = Counter(p.style.name for p in paragraphs if p.style is not None)
        style = styles.most_common(1)[0][0] if styles else None
        paragraph = document.add_paragraph(line, style=style)
        document.element.body.insert(0, paragraph._p)  # before any table or paragraph
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
