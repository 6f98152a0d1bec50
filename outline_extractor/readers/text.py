"""Plain-text input: find the encoding, refuse what is not text.

Order of trust: a byte-order mark; the NUL pattern of UTF-16 without a mark; strict UTF-8; then GB18030 and Big5, whichever reads as
ordinary Chinese (a share of common characters that mojibake never reaches). A file that none
of them reads, or that is binary, raises `InputError` with a one-line reason.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from ..models import Diagnostic
from .base import InputError, RawText


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

#: Leading bytes of formats that people feed to text tools by mistake.
_BINARY_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive (a .docx/.xlsx?), not a text file"),
    (b"%PDF", "a PDF file, not a text file"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.wps), which is not read: save it as .docx in Word or WPS"),
    (b"\x89PNG", "a PNG image, not a text file"),
    (b"\xff\xd8\xff", "a JPEG image, not a text file"),
    (b"GIF8", "a GIF image, not a text file"),
    (b"\x1f\x8b", "a gzip archive, not a text file"),
)

#: Candidate legacy encodings, tried after UTF-8; names as reported in `source.encoding`.
_LEGACY = (("gb18030", "gb18030"), ("big5", "cp950"))
#: `source.encoding` (without a byte-order mark) → the codec that writes text back in it.
_WRITE_CODECS = {"utf-8": "utf-8", **dict(_LEGACY)}

#: Below this share of common characters a decoding is taken for mojibake.
_MIN_PLAUSIBLE = 0.6
#: Up to this share of undecodable bytes a file is read with replacement characters.
_MAX_DAMAGE = 0.01


def decode_bytes(data: bytes, path: str | None = None, name: str | None = None) -> RawText:
    """Decode input bytes, reporting the encoding; raise InputError for unusable input."""
    label = name or path or "<input>"
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise InputError(f"{label}: empty file")
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(f"{label}: {what}")

    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec.replace("-sig", ""))
            except UnicodeDecodeError:
                raise InputError(f"{label}: starts with a {codec} byte-order mark but is not {codec}") from None
            encoding = codec.replace("-le", "").replace("-be", "")
            return _result(text, encoding, digest, path, label)

    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _result(utf16[1], utf16[0], digest, path, label)

    if _control_share(data) > _MAX_CONTROL_SHARE:
        raise InputError(f"{label}: binary file (mostly control bytes), not text")

    try:
        return _result(data.decode("utf-8"), "utf-8", digest, path, label)
    except UnicodeDecodeError:
        pass

    readings = []
    for encoding, codec in _LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        readings.append((plausibility(text), encoding, text))
    if readings:
        score, encoding, text = max(readings, key=lambda r: r[0])
        if score >= _MIN_PLAUSIBLE:
            return _result(text, encoding, digest, path, label)
        raise InputError(f"{label}: cannot decide the encoding (not UTF-8; GB18030 and Big5 give no readable text)")

    return _damaged(data, digest, path, label)


def writing_codec(data: bytes, encoding: str) -> tuple[bytes, str] | None:
    """The byte-order mark `data` starts with and the codec of the text after it, for writing
    text back into these bytes (header --in-place, check --fix); None when this module cannot
    write `encoding` back (UTF-16 without a mark: its byte order is not kept)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return bom, codec.replace("-sig", "")
    codec = _WRITE_CODECS.get(encoding)
    return None if codec is None else (b"", codec)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark. Its NULs give it away (the high byte of every ASCII
    character, the low byte of 一 U+4E00 …): when a file has them, both byte orders are tried
    and one is taken only if it reads as ordinary Chinese with no stray control characters."""
    if len(data) % 2 or data.count(0, 0, 65536) < 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _control_share(text) <= _MAX_CONTROL_SHARE / 4 and plausibility(text) >= _MIN_PLAUSIBLE:
            return "utf-16", text
    return None


def _control_share(data: bytes | str) -> float:
    """Share of control characters other than the whitespace ones (NUL included)."""
    head = data[:65536]
    if isinstance(head, str):
        controls = len(_CONTROL.findall(head))
    else:
        controls = len(_CONTROL_BYTES.findall(head))
    return controls / max(len(head), 1)


#: Control characters that text does not carry (tab, newlines, form feed and ESC it does).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
#: Above this share of control bytes a file is binary; below it, they are stray bytes in text.
_MAX_CONTROL_SHARE = 0.02


def _damaged(data: bytes, digest: str, path: str | None, label: str) -> RawText:
    """No encoding reads every byte: take the best reading if the damage is small."""
    best = None
    for encoding, codec in (("utf-8", "utf-8"),) + _LEGACY:
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        if best is None or bad < best[0]:
            best = (bad, encoding, text)
    bad, encoding, text = best
    if bad / max(len(text), 1) > _MAX_DAMAGE or plausibility(text) < _MIN_PLAUSIBLE:
        raise InputError(f"{label}: undecodable bytes (not UTF-8, GB18030 or Big5)")
    raw = _result(text, encoding, digest, path, label)
    raw.diagnostics.append(
        Diagnostic(
            code="encoding",
            severity="warning",
            message=f"read as {encoding}; {bad} undecodable byte sequence(s) replaced with U+FFFD",
        )
    )
    return raw


def _result(text: str, encoding: str, digest: str, path: str | None, label: str) -> RawText:
    text, controls = _CONTROL.subn("", text)
    if not text.strip():
        raise InputError(f"{label}: empty file")
    raw = RawText(text=text, encoding=encoding, sha256=digest, path=path)
    if controls:
        raw.diagnostics.append(
            Diagnostic(code="encoding", severity="warning", message=f"{controls} stray control character(s) removed")
        )
    if encoding not in ("utf-8", "utf-8-sig"):  # a BOM does not make UTF-8 something else
        raw.diagnostics.append(
            Diagnostic(code="encoding", severity="info", message=f"input was {encoding}, not UTF-8")
        )
    return raw


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """The most used characters: GB2312 level 1 (Simplified) and Big5 level 1 (Traditional)."""
    chars: set[str] = set("，。、；：？！“”‘’《》（）【】—…·「」『』")
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    trails = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
    for lead in range(0xA4, 0xC7):
        for trail in trails:
            try:
                chars.add(bytes((lead, trail)).decode("cp950"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def plausibility(text: str, sample: int = 20000) -> float:
    """Share of the non-ASCII characters that are common Chinese characters or punctuation."""
    common = _common_chars()
    wide = [ch for ch in text[: sample * 4] if ord(ch) > 127][:sample]
    if not wide:
        return 1.0
    return sum(ch in common for ch in wide) / len(wide)
