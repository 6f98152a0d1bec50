"""PDF text layer: the text of each page in reading order, page furniture taken off.

pypdfium2 (PDFium, the engine of Chrome's viewer) reads the text; measured against pdfminer.six
in README. Furniture is what stands at the top or bottom of a page and is not content: page
numbers (`— 3 —`, `第 1 页 共 10 页`, a bare `12`) and running headers or footers, i.e. lines
that open or close most pages. Pages are joined with a plain line break, so the normaliser's
hard-wrap joining mends a sentence cut by a page break as it mends one cut by a line break.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from ..models import Diagnostic
from .base import InputError, RawText

#: A page number alone on its line, as Chinese documents print them.
PAGE_NUMBER = re.compile(
    r"^(?:[—－\-–~－]{0,2}\s*\d{1,4}\s*[—－\-–~－]{0,2}|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|Page|PAGE)\s*\d+(?:\s*of\s*\d+)?)$"
)
#: How many lines at each end of a page are looked at for furniture.
_EDGE = 2
#: A line at a page's edge is a running header/footer if it stands at the edge of this share of pages.
_RUNNING_SHARE = 0.5
#: Fewer characters than this per page on average: no text layer worth reading.
_MIN_CHARS_PER_PAGE = 5


def page_lines(data: bytes, label: str) -> list[list[str]]:
    """The text lines of each page."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise InputError(f"{label}: encrypted PDF (password protected); save an unprotected copy") from None
        raise InputError(f"{label}: not a readable PDF (truncated or damaged: {message.splitlines()[0][:100]})") from None
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            pages.append([line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()])
        return pages
    except pdfium.PdfiumError as error:
        raise InputError(f"{label}: damaged PDF ({str(error).splitlines()[0][:100]})") from None
    finally:
        document.close()


def _shape(line: str) -> str:
    """A line with its digits masked, so `第3页` and `第4页` count as the same furniture."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def drop_furniture(pages: list[list[str]]) -> tuple[list[list[str]], int]:
    """Pages without page numbers and running headers/footers; and how many lines went."""
    edges = Counter()
    for lines in pages:
        edges.update({_shape(line) for line in lines[:_EDGE] + lines[-_EDGE:]})
    running = {shape for shape, count in edges.items() if len(pages) >= 3 and count >= len(pages) * _RUNNING_SHARE}
    kept, dropped = [], 0
    for lines in pages:
        head = len(lines[:_EDGE])
        tail_start = max(head, len(lines) - _EDGE)
        page = []
        for index, line in enumerate(lines):
            at_edge = index < head or index >= tail_start
            if at_edge and (PAGE_NUMBER.match(line) or _shape(line) in running):
                dropped += 1
                continue
            page.append(line)
        kept.append(page)
    return kept, dropped


def read_pdf(data: bytes, *, path: str | None, label: str) -> RawText:
    pages = page_lines(data, label)
    if not pages:
        raise InputError(f"{label}: PDF without pages")
    pages, dropped = drop_furniture(pages)
    chars = sum(len(line) for lines in pages for line in lines)
    if chars < _MIN_CHARS_PER_PAGE * len(pages):  # page numbers over scanned images count for nothing
        raise InputError(f"{label}: PDF without a text layer (a scan?); run OCR on it first")
    text = "\n".join(line for lines in pages for line in lines)
    raw = RawText(text=text + "\n", encoding="utf-8", sha256=hashlib.sha256(data).hexdigest(), path=path)
    if dropped:
        raw.diagnostics.append(
            Diagnostic(code="cruft-removed", severity="info",
                       message=f"{dropped} page number or running header/footer line(s) dropped from {len(pages)} PDF page(s)")
        )
    return raw
