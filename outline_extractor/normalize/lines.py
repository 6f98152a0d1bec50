"""The normaliser's data: input lines, paragraphs, what passes report; input text to lines."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, count
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from .. import lazyre, recache
from ..models import Diagnostic
from ..traditional import FOLDABLE_CHARS, foldable
from .flattened import MIN_LENGTH, unflatten

# Same-length character folds: widths, odd spaces, dash variants.
# Full-width digits stay as printed (markers keep `１．`); detection reads them through
# traditional.fold(), which also maps them to ASCII.
_FOLD = {0xFF21 + i: ord("A") + i for i in range(26)}
_FOLD.update({0xFF41 + i: ord("a") + i for i in range(26)})
_FOLD.update({ord(ch): ord(" ") for ch in "\t\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\x0b\x0c\u2028\u2029"})
_FOLD.update({0x2015: 0x2014})  # HORIZONTAL BAR ―― used for the subtitle dash ——
_DELETE = {ord(ch): None for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad"}
_TRANSLATION = {chr(key): chr(value) if value is not None else "" for key, value in {**_FOLD, **_DELETE}.items()}
#: Any character `_TRANSLATION` changes: few texts have more than a handful, so they are found
#: with one regex scan and replaced one by one (`str.translate` with a dict costs per character).
_TRANSLATED = lazyre.compile("[" + "".join(re.escape(ch) for ch in sorted(_TRANSLATION)) + "]")

#: A character to translate or to fold: most texts have none, and are scanned once for both
#: (the ideographic spaces a Chinese text indents with are replaced before, by str.replace).
_TRANSLATED_OR_FOLDABLE = lazyre.CharClass(FOLDABLE_CHARS.union(_TRANSLATION).difference("\u3000"), astral=True)

_NEWLINES = lazyre.compile(r"\r\n|\r|\n")
_SPACE_RUN = lazyre.compile(r" {2,}")


def _piece_offset(piece: tuple[int, int]) -> int:
    return piece[0]


class Line:
    """A line of the text being normalised; after joining, a paragraph. (A plain class: one is
    made for every input line, and a dataclass's __init__ and __post_init__ cost more.)"""

    __slots__ = ("text", "number", "indented", "blank_before", "pieces")

    def __init__(
        self, text: str, number: int, indented: bool = False, blank_before: bool = False,
        pieces: list[tuple[int, int]] | None = None,
    ) -> None:
        self.text = text
        self.number = number  # 1-based line in the input where it starts
        self.indented = indented
        self.blank_before = blank_before
        #: (offset in `text`, input line) for each input line joined into this one.
        self.pieces = pieces or [(0, number)]

    def __repr__(self) -> str:
        return f"Line({self.text!r}, {self.number}, indented={self.indented}, blank_before={self.blank_before}, pieces={self.pieces})"


@dataclass(slots=True)
class DroppedLine:
    line: int
    text: str
    reason: str


@dataclass(slots=True)
class Paragraph:
    text: str
    start: int  # offset in the normalised text
    line: int
    pieces: list[tuple[int, int]]
    #: the text with Traditional characters folded to Simplified, for matching (same offsets)
    folded: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Normalized:
    text: str
    paragraphs: list[Paragraph]
    #: `text` folded to Simplified characters, for matching only (same length and offsets)
    folded: str = ""
    dropped: list[DroppedLine] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: dict = field(default_factory=dict)
    cuts: list[Cut] = field(default_factory=list)
    published_outline: tuple[int, str] | None = None
    #: where each paragraph starts in `text` (and `folded`): scans of the whole text map
    #: their hits to paragraphs by bisecting it (worked out from the paragraphs when not given)
    starts: list[int] | None = None

    def __post_init__(self) -> None:
        if self.starts is None:
            self.starts = [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        index = bisect_right(self.starts, offset) - 1
        return self.paragraphs[index] if index >= 0 else None

    def line_at(self, offset: int) -> int:
        """1-based input line of the character at `offset` of the normalised text."""
        paragraph = self.paragraph_at(offset)
        if paragraph is None:
            return 1
        inner = offset - paragraph.start
        index = bisect_right(paragraph.pieces, inner, key=_piece_offset) - 1  # no list per call
        return paragraph.pieces[max(index, 0)][1]


@dataclass
class Cut:
    """An omission or a cut the text shows (此处省略765字, 预览结束…)."""

    line: int
    reason: str
    omitted: int | None
    text: str


@dataclass
class Context:
    """What passes report besides the lines they return."""

    dropped: list[DroppedLine] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: dict = field(default_factory=dict)
    cuts: list[Cut] = field(default_factory=list)
    #: (input line, text) of a 【提纲】 summary that stood on top of the text
    published_outline: tuple[int, str] | None = None
    #: set by the cruft pass when its fold of the lines changed nothing: the passes after it
    #: drop, join and close up lines, adding no character `fold` changes, so the finished text
    #: need not be scanned again (a scan of the whole text against ~2,500 characters), nor
    #: the lines joining and duplicates test for a marker
    nothing_to_fold: bool = False
    #: set by split_lines when the input holds no character `fold` changes (then no line does)
    source_unfoldable: bool = False

    def drop(self, line: Line, reason: str) -> None:
        self.dropped.append(DroppedLine(line.number, line.text, reason))


Pass = Callable[[list[Line], Context], list[Line]]


_PLUS_ONE = (1).__add__


def line_starts(lines: list[str]) -> list[int]:
    """The offset of each line in the lines joined with "\n"."""
    if not lines:
        return []
    return list(accumulate(map(_PLUS_ONE, map(len, lines[:-1])), initial=0))


def line_firsts(text: str, starts: list[int]) -> str:
    """The first character of each line of `text` (starting at `starts`) as one string, "\n"
    for an empty line: an offset in it is a line's index. Read from the text in C."""
    if not starts:
        return ""
    return "".join(map(text.__getitem__, starts[:-1])) + (text[starts[-1]:starts[-1] + 1] or "\n")


def lines_holding(text: str, starts: list[int], needles: tuple[str, ...], first: int = 0, end: int | None = None) -> set[int]:
    """The indices of the lines of `text` (starting at `starts`) that hold one of `needles`:
    one `str.find` pass a needle, far faster than a regex scan for a class of characters,
    skipping to the next line after each hit. `first`, `end`: only the lines from `first`
    up to (not including) `end`."""
    found: set[int] = set()
    last = min(len(starts), end if end is not None else len(starts)) - 1
    if first > last:
        return found
    stop = starts[last + 1] - 1 if last + 1 < len(starts) else len(text)
    for needle in needles:
        at = text.find(needle, starts[first], stop)
        while at != -1:
            index = bisect_right(starts, at) - 1
            found.add(index)
            if index >= last:
                break
            at = text.find(needle, starts[index + 1], stop)
    return found


def lines_holding_pairs(text: str, starts: list[int], pairs: tuple[str, ...], anchors: tuple[str, ...]) -> set[int]:
    """`lines_holding` for strings of two characters or more, each found by the first of its
    characters that is one of `anchors` (each occurrence of it checked for the whole string),
    as `str.find` of a rare character is far faster than of a string."""
    found: set[int] = set()
    last = len(starts) - 1
    for anchor, wanted in _by_anchor(pairs, anchors):
        at = text.find(anchor)
        while at != -1:
            if any(at >= offset and text.startswith(pair, at - offset) for offset, pair in wanted):
                index = bisect_right(starts, at) - 1
                found.add(index)
                if index >= last:
                    break
                at = text.find(anchor, starts[index + 1])
            else:
                at = text.find(anchor, at + 1)
    return found


@lru_cache(maxsize=8)
def _by_anchor(pairs: tuple[str, ...], anchors: tuple[str, ...]) -> list[tuple[str, list[tuple[int, str]]]]:
    """(anchor, [(its offset in the string, string)]) for each anchor the strings are found by."""
    by_anchor: dict[str, list[tuple[int, str]]] = {}
    for pair in pairs:
        at = next(index for index, char in enumerate(pair) if char in anchors)
        by_anchor.setdefault(pair[at], []).append((at, pair))
    return list(by_anchor.items())


def lines_starting_with(texts: list[str], chars: str, text: str | None = None) -> list[int]:
    """The indices of the texts whose first character is one of `chars`, in order: one scan
    of the texts joined with "\n" (`text`, when at hand) for a line break and such a
    character (led by the "\n": the engine's fast search, and no string made for each line's
    first character), each hit's index counted from the line breaks before it."""
    found = [0] if texts and texts[0][:1] and texts[0][0] in chars else []
    if text is None:
        text = "\n".join(texts)
    index, counted = 0, 0  # the line the offset `counted` is in
    for hit in _after_break(chars).finditer(text):
        index += text.count("\n", counted, hit.end())
        counted = hit.end()
        found.append(index)
    return found


@lru_cache(maxsize=8)
def _after_break(chars: str) -> re.Pattern[str]:
    return recache.compile("\n(?=[" + "".join(map(re.escape, chars)) + "])")


def lines_equal_to(texts: list[str], text: str) -> list[int]:
    """The indices of the lines that are `text`, in order (list.index: a C-level pass over the
    lines, far cheaper than a scan of their characters)."""
    found: list[int] = []
    at = -1
    while True:
        try:
            at = texts.index(text, at + 1)
        except ValueError:
            return found
        found.append(at)


def _translate(found: re.Match[str]) -> str:
    return _TRANSLATION[found.group()]


def split_lines(raw: str, ctx: Context | None = None) -> list[Line]:
    """Input text to cleaned lines: widths folded, zero-width characters gone, spaces collapsed.

    Blank lines are not kept; the line after one is marked `blank_before`. `ctx`: told
    whether the text holds anything `fold` changes (found by the same scan).
    """
    cleaned, unfoldable = _cleaned(raw)
    if ctx is not None:
        ctx.source_unfoldable = unfoldable
    # str.split when there is no "\r": the regex split costs more than all the rest of it
    texts = _NEWLINES.split(cleaned) if "\r" in cleaned else cleaned.split("\n")
    stripped = [text.strip() for text in texts]
    if "   " not in cleaned or not any(len(text) >= MIN_LENGTH and "   " in text for text in stripped):
        # no flattened text: one line a line (after a blank one when the previous is empty)
        return [
            Line(_collapsed(text) if " " in text else text, number, line[0] == " ", not previous, [(0, number)])
            for number, text, line, previous in zip(count(1), stripped, texts, ["-", *stripped]) if text
        ]
    lines: list[Line] = []
    blank = False
    for number, text in enumerate(stripped, start=1):
        if not text:
            blank = True
            continue
        indented = texts[number - 1][0] == " "
        pieces = unflatten(text) if len(text) >= MIN_LENGTH and "   " in text else (text,)
        for piece_number, piece in enumerate(pieces):
            if "  " in piece:
                piece = _SPACE_RUN.sub(" ", piece)
            # a flattened text's paragraph breaks are as strong as blank lines
            lines.append(Line(piece, number, indented, blank or piece_number > 0, [(0, number)]))
        blank = False
    return lines


def _collapsed(text: str) -> str:
    """Runs of spaces as one (asked only of a line holding a space: `str.find` of one
    character is far faster than of two)."""
    return _SPACE_RUN.sub(" ", text) if "  " in text else text


def _cleaned(raw: str) -> tuple[str, bool]:
    """(the text with `_TRANSLATION` applied, whether nothing in it is foldable): one scan
    for a text with nothing to translate or fold, most texts."""
    text = raw.replace("\u3000", " ")  # the same string when there is none
    if not _TRANSLATED_OR_FOLDABLE.holds(text):
        return text, True
    cleaned = _TRANSLATED.sub(_translate, text)
    return cleaned, not foldable(cleaned)
