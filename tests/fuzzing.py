"""Mutated documents and what must hold for every parse of them.

Shared by the bounded fuzz test (tests/test_fuzz.py, driven by hypothesis) and the long run by
hand (benchmarks/fuzz.py). A case starts from the bytes of a text written for this project
(fixtures/, tests/documents/) and applies a few mutations: byte flips, truncation, splicing two
texts, control characters, numbering markers at line starts, shuffled lines, a stretch repeated
many times, another encoding, lone surrogates. Bytes go through `parse_bytes`, which may refuse them with a `reader.InputError`
(the documented refusal); strings go through `parse_text`, which must take any string.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from outline_extractor import parse_bytes, parse_text, render
from outline_extractor.models import Document
from outline_extractor.reader import InputError

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "fixtures", ROOT / "tests" / "documents")

CONTROLS = [bytes([b]) for b in (*range(0, 9), 11, 12, *range(14, 32), 127)] + [
    ch.encode("utf-8") for ch in "\u0085\u2028\u2029\u200b\ufeff\u202e\ufffd"
]
MARKERS = [
    s.encode("utf-8")
    for s in (
        "一、", "（一）", "(1)", "1.", "1、", "1.1 ", "5.2.1 ", "1 范围\n", "a) ", "A. ", "①", "一是", "二是",
        "第一，", "第一点，", "第一条，", "第一条 ", "第一章 ", "首先，", "其次，", "最后，", "附件1\n", "目录\n",
        "注释：\n", "【提纲】一、甲。", "一、二车间", "\n\n", "   ", "\t", "\r", "。", "：",
    )
]
ENCODINGS = ("gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig")


def corpus() -> list[bytes]:
    """The texts the cases start from."""
    return [path.read_bytes() for folder in SOURCES for path in sorted(folder.glob("*.txt"))]


@dataclass
class Case:
    """One mutated input: bytes for parse_bytes, or a string for parse_text."""

    steps: list[str]
    data: bytes | str

    def parse(self) -> Document | None:
        """The document, or None when parse_bytes refused the input with an InputError."""
        if isinstance(self.data, str):
            return parse_text(self.data)
        try:
            return parse_bytes(self.data)
        except InputError:
            return None


def make_case(rng: random.Random, texts: list[bytes], max_bytes: int = 6000) -> Case:
    data = _window(rng, rng.choice(texts), max_bytes)
    steps: list[str] = []
    for _ in range(rng.randint(1, 3)):
        name = rng.choice(list(_MUTATIONS))
        steps.append(name)
        data = _MUTATIONS[name](rng, data, texts)
    if rng.random() < 0.35:
        steps.append("as str with surrogates")
        return Case(steps, _with_surrogates(rng, data))
    return Case(steps, data)


def _window(rng: random.Random, data: bytes, size: int) -> bytes:
    if len(data) <= size:
        return data
    start = rng.randrange(len(data) - size)
    return data[start:start + size]


def _flip(rng, data, texts):
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def _truncate(rng, data, texts):
    cut = rng.randrange(len(data) + 1)
    return data[:cut] if rng.random() < 0.7 else data[cut:]


def _splice(rng, data, texts):
    other = rng.choice(texts)
    return data[:rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):][:4000]


def _insert(rng, data, pieces, at_line_start):
    for _ in range(rng.randint(1, 12)):
        piece = rng.choice(pieces)
        at = rng.randrange(len(data) + 1)
        if at_line_start:
            at = data.rfind(b"\n", 0, at) + 1
        data = data[:at] + piece + data[at:]
    return data


def _controls(rng, data, texts):
    return _insert(rng, data, CONTROLS, at_line_start=False)


def _markers(rng, data, texts):
    return _insert(rng, data, MARKERS, at_line_start=rng.random() < 0.8)


def _shuffle(rng, data, texts):
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 6)):
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        if rng.random() < 0.5:
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines.insert(i, lines[j])
    return b"\n".join(lines)


def _repeat(rng, data, texts):
    """A stretch said over and over (a list pasted many times into one paragraph)."""
    start = rng.randrange(len(data) + 1)
    piece = data[start:start + rng.randint(4, 60)]
    return data[:start] + piece * rng.randint(20, 300) + data[start:]


def _reencode(rng, data, texts):
    text = data.decode("utf-8", "replace")
    return text.encode(rng.choice(ENCODINGS), "replace")


_MUTATIONS = {
    "flip": _flip, "truncate": _truncate, "splice": _splice, "controls": _controls,
    "markers": _markers, "shuffle": _shuffle, "repeat": _repeat, "reencode": _reencode,
}


def _with_surrogates(rng: random.Random, data: bytes) -> str:
    """The bytes read as text with errors="surrogateescape", plus a few lone surrogates."""
    text = data.decode("utf-8", "surrogateescape")
    for _ in range(rng.randint(0, 3)):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + chr(rng.randrange(0xD800, 0xE000)) + text[at:]
    return text


def check(document: Document) -> None:
    """What every parse must give: a tree in document order, spans in the text, renderable."""
    text = document.text
    assert document.source.chars == len(text)
    starts = []
    for node in document.nodes():
        assert 0 <= node.span.start <= node.span.end <= len(text), node
        assert node.ordinal >= 1 and node.level >= 1
        assert all(child.level == node.level + 1 for child in node.children)
        assert text.startswith(node.marker, node.span.start), (node.marker, text[node.span.start:node.span.start + 10])
        starts.append(node.span.start)
    assert starts == sorted(starts) and len(set(starts)) == len(starts), "nodes out of document order"
    for item in document.agenda:
        for span in (item.span, item.declaration):
            assert span is None or 0 <= span.start <= span.end <= len(text)
    for form in ("json", "outline", "markdown", "tree"):
        render(document, form).encode("utf-8")  # writable: no lone surrogates
