"""`--fix` for .docx: typed numbers rewritten inside the text runs (w:t) that hold them.

Word's automatic numbering is no text at all (a w:numPr naming a list), so it is never touched:
a paragraph numbered automatically does not open with a typed marker and is not matched. The
package is not re-saved by a library: word/document.xml is edited as text, so every byte
outside the rewritten runs stays, and every other member of the ZIP keeps its content, name,
date and compression.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass, field

from ..reader import InputError

DOCUMENT = "word/document.xml"

#: Paragraph opening (or empty) and closing tags, and text runs with their content.
_TOKEN = re.compile(r"<w:p(?:\s[^>]*)?/>|<w:p(?:\s[^>]*)?>|</w:p>|<w:t(?:\s[^>]*)?>(?P<text>[^<]*)</w:t>")


@dataclass
class Piece:
    start: int  # offsets of the w:t content in the XML
    end: int
    text: str  # the content unescaped


@dataclass
class Paragraph:
    pieces: list[Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


def read_document_xml(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            raw = archive.read(DOCUMENT)
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise InputError("not a .docx (no word/document.xml)") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("word/document.xml is not UTF-8; --fix leaves it alone") from None


def paragraphs(xml: str) -> list[Paragraph]:
    """Every w:p in document order (a text box's paragraphs inside the one anchoring it),
    each with its own text runs."""
    found: list[Paragraph] = []
    open_paragraphs: list[Paragraph] = []
    for match in _TOKEN.finditer(xml):
        token = match.group()
        if token == "</w:p>":
            if open_paragraphs:
                open_paragraphs.pop()
        elif token.startswith("<w:p"):
            found.append(Paragraph())
            if not token.endswith("/>"):
                open_paragraphs.append(found[-1])
        elif open_paragraphs:
            text = html.unescape(match.group("text"))
            open_paragraphs[-1].pieces.append(Piece(match.start("text"), match.end("text"), text))
    return found


def typed_lines(data: bytes) -> str:
    """A .docx's typed paragraphs as lines ("" when the package has no readable document)."""
    try:
        return lines_of(paragraphs(read_document_xml(data)))
    except InputError:
        return ""


def lines_of(found: list[Paragraph]) -> str:
    """The paragraphs as lines, for locating markers (a stray newline inside a run kept as a space)."""
    return "\n".join(p.text.replace("\n", " ").replace("\r", " ") for p in found)


@dataclass
class DocxEdit:
    paragraph: int
    start: int  # character offsets in the paragraph's text
    end: int
    new: str


def apply(data: bytes, xml: str, found: list[Paragraph], edits: list[DocxEdit]) -> bytes:
    """The package with the edits made in word/document.xml and every other member as stored."""
    replacements: list[tuple[int, int, str]] = []
    for edit in edits:
        replacements.extend(_run_replacements(found[edit.paragraph], edit))
    for start, end, content in sorted(replacements, reverse=True):
        xml = xml[:start] + content + xml[end:]
    return _repack(data, xml.encode("utf-8"))


def _run_replacements(paragraph: Paragraph, edit: DocxEdit) -> list[tuple[int, int, str]]:
    """The new content of each run the marker spans: the new marker goes into the first."""
    out: list[tuple[int, int, str]] = []
    offset = 0
    for piece in paragraph.pieces:
        start, end = offset, offset + len(piece.text)
        offset = end
        if end <= edit.start or start >= edit.end:
            continue
        low, high = max(edit.start - start, 0), min(edit.end - start, len(piece.text))
        new = "" if out else edit.new
        out.append((piece.start, piece.end, _escape(piece.text[:low] + new + piece.text[high:])))
    return out


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _repack(data: bytes, document_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = document_xml if info.filename == DOCUMENT else source.read(info.filename)
            target.writestr(info, content, compress_type=info.compress_type)
    return buffer.getvalue()
