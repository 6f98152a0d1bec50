"""HTML pages: the main text only, one block a line.

The charset comes from a BOM, then strict UTF-8 (bytes that decode as UTF-8 are UTF-8, whatever
a stale meta tag says: re-saved pages often keep `charset=GB2312` over UTF-8 bytes), then the
meta tag, then the text reader's GB18030/Big5 guess. readability-lxml finds the element that
holds the main text (measured against trafilatura in README: trafilatura drops a paragraph that
repeats an earlier one, i.e. every heading of a report whose table of contents precedes it);
navigation, share bars, related links and footers stay outside it. Its blocks (<p>, <div>, <br>,
headings, table rows) become lines, which the normaliser's boilerplate table cleans again. A
page where readability finds nothing is read whole, block by block, as the last resort.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re

from ..models import Diagnostic
from .base import InputError, RawText

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
#: A charset name as pages print it → the codec that reads it (GB2312 pages use GBK characters).
_CODEC_FOR = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "cp950"}
_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
           "blockquote", "pre", "dd", "dt", "center")


def decode_html(data: bytes, label: str) -> tuple[str, str, list[Diagnostic]]:
    """(text, encoding name, what decoding damaged) of an HTML page."""
    if data.startswith(codecs.BOM_UTF8):
        return _replacing(data[3:], "utf-8", "utf-8-sig")
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _replacing(data[2:], codec, "utf-16")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:8192])
    if match:
        name = match.group(1).decode("ascii", errors="ignore").lower()
        codec = _CODEC_FOR.get(name, name)
        try:
            return _replacing(data, codec, {"cp950": "big5"}.get(codec, codec))
        except LookupError:
            pass
    from .text import decode_bytes

    raw = decode_bytes(data, name=label)
    return raw.text, raw.encoding, raw.diagnostics


def _replacing(data: bytes, codec: str, name: str) -> tuple[str, str, list[Diagnostic]]:
    """Decode with U+FFFD for what the codec cannot read, and say how much that was."""
    text = data.decode(codec, errors="replace")
    damaged = text.count("\ufffd") - data.count("\ufffd".encode(codec, errors="ignore") or b"\0")
    if damaged <= 0:
        return text, name, []
    message = f"{damaged} undecodable byte sequence(s) as {name} replaced with U+FFFD"
    return text, name, [Diagnostic(code="encoding", severity="warning", message=message)]


def main_text(html: str) -> str:
    """The page's main text: readability-lxml picks the content element, whose blocks become lines."""
    from readability import Document

    logging.getLogger("readability").setLevel(logging.CRITICAL)  # it logs tracebacks on odd markup
    try:
        content = Document(html).summary(html_partial=True)
    except Exception:  # readability raises its own and lxml's errors on odd markup
        return ""
    return all_text(content)


def page_title(html: str) -> str | None:
    """The text of the page's first <h1>, the title hint an extractor may keep as metadata only."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for h1 in root.iter("h1"):
        title = " ".join(h1.text_content().split())
        if 2 <= len(title) <= 80:
            return title
    return None


def with_title(text: str, title: str | None) -> str:
    """Put the page's <h1> on top unless the text already starts with it (in its first lines)."""
    if not title or title in text.splitlines()[:5]:
        return text
    return f"{title}\n{text}"


def all_text(html: str) -> str:
    """Every visible text of the page, block elements and <br> as line breaks."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for block in root.iter(*_BLOCKS):
        block.tail = "\n" + (block.tail or "")
        if block.tag != "br":
            block.text = "\n" + (block.text or "")
    for cell in root.iter("td", "th"):  # a table row is one line, its cells apart
        cell.tail = " " + (cell.tail or "")
    lines = (line.strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def read_html(data: bytes, *, path: str | None, label: str) -> RawText:
    html, encoding, damage = decode_html(data, label)
    html = _NOT_XML.sub("", html)  # lxml refuses NUL and other control characters
    text = main_text(html) or all_text(html)
    text = with_title(text, page_title(html)) if text.strip() else text
    if not text.strip():
        raise InputError(f"{label}: HTML page with no text after extraction")
    raw = RawText(text=text + "\n", encoding=encoding, sha256=hashlib.sha256(data).hexdigest(), path=path)
    raw.diagnostics.extend(d for d in damage if d.severity != "info")
    if encoding not in ("utf-8", "utf-8-sig"):
        raw.diagnostics.append(Diagnostic(code="encoding", severity="info", message=f"input was {encoding}, not UTF-8"))
    return raw
