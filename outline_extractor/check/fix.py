"""`check --fix`: rewrite the markers the fixable rules flag, and nothing else.

Plain text here; a .docx in its text runs (`docx.py`); PDF and HTML are check-only.

The file is never re-encoded as a whole: every byte outside a rewritten marker is copied from
the input, and only the new markers are encoded, in the input's own encoding (a BOM, CRLF line
ends and spacing stay as they were). Byte offsets are found by encoding the text between two
markers, which keeps the copy exact even for encodings whose decode-encode round trip is not
(Big5 has characters with two codes). The result is decoded again and compared with the text
intended; any difference refuses the fix.
"""

from __future__ import annotations

import difflib
from bisect import bisect_right
from dataclasses import dataclass, field

from ..readers import InputError, detect_format
from ..readers.text import decode_bytes, writing_codec
from . import CheckOptions, Finding, analyse_bytes, docx, findings_of
from .context import Context
from .rules import FIXABLE

#: How many rounds of fixing at most: renumbering can leave a marker the next round rewrites.
_ROUNDS = 3


class FixRefused(InputError):
    """The file cannot be fixed (a PDF, HTML, an undecodable byte): check only."""


@dataclass
class Edit:
    start: int  # character offsets in the decoded text
    end: int
    old: str
    new: str


@dataclass
class FixResult:
    before: bytes
    after: bytes
    edits: list[Edit] = field(default_factory=list)
    #: references to renumbered headings, found before fixing (they are not rewritten)
    references: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.after != self.before


_REFUSALS = {
    "pdf": "PDF is check-only; --fix rewrites plain text and .docx files",
    "html": "HTML is check-only; --fix rewrites plain text and .docx files",
}


def refuse_other_formats(data: bytes, path: str | None) -> None:
    """PDF and HTML are check-only."""
    fmt = detect_format(data, path)
    if fmt in _REFUSALS:
        raise FixRefused(f"{path or '<input>'}: {_REFUSALS[fmt]}")


def fix_bytes(data: bytes, *, path: str | None = None, options: CheckOptions | None = None) -> FixResult:
    """The input with every fixable marker rewritten. Raises FixRefused (an InputError)."""
    refuse_other_formats(data, path)
    options = options or CheckOptions()
    codes = options.selected() & FIXABLE
    if detect_format(data, path) == "docx":
        return _fix_docx(data, path, options, codes)
    result = FixResult(before=data, after=data)
    for attempt in range(_ROUNDS):
        ctx = analyse_bytes(result.after, path=path, options=options)
        if attempt == 0:
            found = findings_of(ctx, path, options)
            result.references = [f for f in found if f.code == "renumbered-reference"]
        edits = _edits(ctx, codes)
        if not edits:
            break
        result.after = _apply(result.after, edits, path)
        result.edits.extend(edits)
    return result


def _fix_docx(data: bytes, path: str | None, options: CheckOptions, codes: set[str]) -> FixResult:
    """The same fixes in a .docx: typed markers, in the runs that hold them."""
    label = path or "<input>"
    result = FixResult(before=data, after=data)
    for attempt in range(_ROUNDS):
        try:
            xml = docx.read_document_xml(result.after)
        except InputError as error:
            raise FixRefused(f"{label}: {error}") from None
        found = docx.paragraphs(xml)
        ctx = analyse_bytes(result.after, path=path, options=options)
        if attempt == 0:
            result.references = [f for f in findings_of(ctx, path, options) if f.code == "renumbered-reference"]
        edits = _edits(ctx, codes)
        if not edits:
            break
        by_paragraph = [_docx_edit(ctx, edit) for edit in edits]
        fixed = docx.apply(result.after, xml, found, by_paragraph)
        _check_docx(fixed, found, by_paragraph, label)
        result.after = fixed
        result.edits.extend(edits)
    return result


def _docx_edit(ctx: Context, edit: Edit) -> docx.DocxEdit:
    line = bisect_right(ctx.source.line_starts, edit.start) - 1
    base = ctx.source.line_starts[line]
    return docx.DocxEdit(line, edit.start - base, edit.end - base, edit.new)


def _check_docx(fixed: bytes, before: list[docx.Paragraph], edits: list[docx.DocxEdit], label: str) -> None:
    """Every paragraph reads as intended after the edit, and no other paragraph changed."""
    wanted = [p.text for p in before]
    for edit in edits:
        text = wanted[edit.paragraph]
        wanted[edit.paragraph] = text[:edit.start] + edit.new + text[edit.end:]
    if [p.text for p in docx.paragraphs(docx.read_document_xml(fixed))] != wanted:
        raise FixRefused(f"{label}: the rewritten .docx would not read back as intended; left unchanged")


def _edits(ctx: Context, codes: set[str]) -> list[Edit]:
    if ctx.source is None:
        return []
    edits = []
    for node in ctx.document.headings():
        new = ctx.rewritten(node, codes)
        if new is not None:
            start, end = ctx.source.offset(ctx.places[id(node)])
            edits.append(Edit(start, end, ctx.source.text[start:end], new))
    return sorted(edits, key=lambda e: e.start)


def _apply(data: bytes, edits: list[Edit], path: str | None) -> bytes:
    raw = decode_bytes(data, path=path)
    if any(d.code == "encoding" and d.severity != "info" for d in raw.diagnostics):
        raise FixRefused(f"{path or '<input>'}: has undecodable bytes; --fix would not copy them exactly")
    writing = writing_codec(data, raw.encoding)
    if writing is None:
        raise FixRefused(f"{path or '<input>'}: cannot rewrite text in {raw.encoding} without a byte-order mark")
    bom, codec = writing
    text = raw.text
    out, wanted = [bom], []
    byte_at, char_at = len(bom), 0
    for edit in edits:
        kept = len(text[char_at:edit.start].encode(codec))
        out.append(data[byte_at:byte_at + kept])
        out.append(edit.new.encode(codec))
        wanted.append(text[char_at:edit.start] + edit.new)
        byte_at += kept + len(edit.old.encode(codec))
        char_at = edit.end
    out.append(data[byte_at:])
    wanted.append(text[char_at:])
    fixed = b"".join(out)
    if decode_bytes(fixed, path=path).text != "".join(wanted):
        raise FixRefused(f"{path or '<input>'}: the rewritten file would not read back as intended; left unchanged")
    return fixed


def unified_diff(result: FixResult, path: str | None) -> str:
    """The fix as a unified diff of the decoded text (UTF-8 on the terminal)."""
    if not result.changed:
        return ""
    before, after = _lines(result.before, path), _lines(result.after, path)
    name = path or "-"
    lines = difflib.unified_diff(before, after, fromfile=name, tofile=name, lineterm="")
    return "\n".join(lines) + "\n"


def _lines(data: bytes, path: str | None) -> list[str]:
    if detect_format(data, path) == "docx":
        return docx.lines_of(docx.paragraphs(docx.read_document_xml(data))).split("\n")
    return decode_bytes(data, path=path).text.splitlines()
