"""Normalised paragraphs to numbering candidates.

Two kinds: a marker that opens a paragraph (a heading candidate, judged by `levels`), and
enumerations running inside a paragraph (`…工作：一是…；二是…`), grouped into runs here
because a run is local to its paragraph: it must start at 1 and count up without a gap.

False friends are refused by the style table (`styles.refused`), by clause boundaries, and,
for an inline marker glued to the word before it (统一是, 唯一是, 之一是), by word
segmentation, which is loaded only when such a marker turns up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain

from . import lazyre
from .normalize import Normalized, Paragraph
from .scan import LAZY, RowScan
from .traditional import fold
from .styles import (
    CLAUSE_BOUNDARY,
    OPENING_SCAN,
    STRONG_BOUNDARY,
    STYLES,
    NumberingStyle,
    boundary_paragraphs,
    opening_at,
    ordinal_of,
    refused_at,
    second_reading,
    weak_at,
)


@dataclass(slots=True)
class Candidate:
    style: NumberingStyle
    marker: str
    ordinal: int  # 0: known only from its sequence (最后)
    start: int  # offset of the marker in the normalised text
    end: int  # offset just past the marker
    paragraph: int  # index in Normalized.paragraphs
    weak: bool = False  # looks like a number (1.5亿元): must count on an open list exactly
    #: the same marker read another way, tried when this reading fits nowhere (21.5+2… as 21.)
    fallback: Candidate | None = None

    def says(self, word: str) -> bool:
        """Whether the marker is this sequence word (首先, 最后), in either script."""
        return fold(self.marker).startswith(word)


@dataclass(slots=True)
class InlineRun:
    """An enumeration inside one paragraph: 2+ items of one style counting up from 1."""

    style: NumberingStyle
    items: list[Candidate]
    paragraph: int
    #: the first item is the marker that opens the paragraph (一是…；二是…；三是… as one paragraph)
    opens_paragraph: bool = False


@dataclass
class Detection:
    headings: list[Candidate] = field(default_factory=list)
    runs: list[InlineRun] = field(default_factory=list)
    #: paragraph indices where an annex begins: numbering starts afresh there
    boundaries: list[int] = field(default_factory=list)


#: A marker opening a paragraph: (style, end of the marker in the paragraph, ordinal).
Opening = tuple[NumberingStyle, int, int]
#: A hit of a RowScan: (row, start, end, the row's group values), offsets in the scanned text.
Hit = tuple[int, int, int, tuple[str, ...]]
#: A hit of the opening scan: (paragraph, row, length of the marker, its numeral).
LineOpening = tuple[int, int, int, str]


def detect(norm: Normalized) -> Detection:
    """Three scans of the whole folded text (boundary lines, markers opening a paragraph,
    inline markers) say which paragraphs need reading; only those are read, in order (and,
    after 目录, every paragraph until the contents end)."""
    result = Detection()
    paragraphs, text, starts = norm.paragraphs, norm.folded, norm.starts
    kinds = boundary_paragraphs(text, starts)
    # a run needs two items, and the guards only take hits away
    inline = _INLINE_SCAN.hits_by_line(text, at_least=2)
    contents = _ContentsSkip()
    to_read = _paragraphs_to_read(
        OPENING_SCAN.iter_line_openings(text), sorted({*kinds, *inline}), contents, len(paragraphs),
    )
    #: one string a distinct marker (a large text repeats 一、 and 1. thousands of times; the
    #: drafts and the tree keep these strings)
    markers: dict[str, str] = {}
    in_notes = False
    headings, runs = result.headings, result.runs
    for index, hit in to_read:
        kind = kinds.get(index)
        if kind is not None:
            if kind in ("annex", "agenda"):
                result.boundaries.append(index)
            if kind in ("annex", "notes"):
                in_notes = kind == "notes"
                continue
            if kind == "contents":
                contents.begin()
                continue
        if in_notes:
            continue
        paragraph = paragraphs[index]
        # the marker opening the paragraph: the scan's first style, unless refused there (a
        # style's pattern has one group, its numeral: tests/test_rowscan.py checks the table)
        found = opening_at(hit[1], hit[2], hit[3], paragraph.folded) if hit else None
        if found and kind == "agenda" and found[0].list_family == "ordinal_words":
            found = None  # 首先，进行会议第一项议程: the host's sequence, not a heading
        if contents.active and contents.skips(found, paragraph.folded):
            continue
        if found:
            headings.append(_heading(found, paragraph, index, markers))
        if inline:
            hits = inline.get(index)
            if hits is LAZY:
                hits = _INLINE_SCAN.line_hits(text, paragraph.start, paragraph.end)
            if hits:
                runs.extend(_runs(_inline_candidates(hits, paragraph, index, markers), paragraph, index, found))
    result.headings = keep_real_sequences(result.headings)
    return result


def _paragraphs_to_read(
    openings: Iterator[LineOpening], others: list[int], contents: _ContentsSkip, count: int,
) -> Iterator[tuple[int, LineOpening | None]]:
    """(index, the opening scan's hit there or None) of each paragraph `detect` reads, in
    order: those an opening hit opens, those listed in `others` (a boundary or inline hits),
    and, while `contents` is active (a table of contents being skipped), every one.

    The opening hits are taken as they come, not all kept: a text of 500,000 marker lines
    would hold 500,000 hits at once. Lazy on purpose: `detect` starts and ends the contents
    skip between items, and the next item depends on it, so consume it in step (never list())."""
    rest = iter(others)
    other = next(rest, count)
    index = -1
    for hit in chain(openings, ((count, 0, 0, ""),)):
        line = hit[0]
        while True:  # the paragraphs before `line` that are read
            if contents.active:
                following = index + 1
            else:
                while other <= index:  # (read while skipping contents)
                    other = next(rest, count)
                following = other
            if following >= line:
                break
            index = following
            yield index, None
        if line >= count:
            return
        index = line
        yield line, hit


def _heading(found: Opening, paragraph: Paragraph, index: int, markers: dict[str, str]) -> Candidate:
    style, end, ordinal = found
    start = paragraph.start
    marker = paragraph.text[:end]
    candidate = Candidate(
        style, markers.setdefault(marker, marker), ordinal, start, start + end, index,
        weak_at(style, end, paragraph.folded) if style.weak_after else False,  # most styles: no call
    )
    if style.numeral == "decimal" and (other := second_reading(paragraph.folded, style)):
        candidate.fallback = _candidate(other, paragraph, index)
    return candidate


def _candidate(found: tuple[NumberingStyle, re.Match[str]], paragraph: Paragraph, index: int) -> Candidate:
    style, match = found
    return Candidate(
        style, paragraph.text[:match.end()], style.ordinal(match), paragraph.start,
        paragraph.start + match.end(), index, weak=weak_at(style, match.end(), paragraph.folded),
    )


#: A contents entry's page number: 范围1, 前言II, 总则……3
_PAGE_NUMBER = lazyre.compile(r"(?:\d{1,3}|[IVXivx]{1,5}|[Ⅰ-Ⅻ])$")


class _ContentsSkip:
    """After 目录: the entries are skipped until the body repeats the first of them; or, in a
    printed 目次 whose entries end with page numbers, until an unnumbered line without one
    (前言: a standard's clause titles are numbered automatically, its body never repeats 1 范围)."""

    def __init__(self) -> None:
        self.active = False  # a table of contents is being skipped
        self._afresh()

    def begin(self) -> None:
        """A table of contents starts after this paragraph (a second 目录 starts afresh)."""
        self.active = True
        self._afresh()

    def _afresh(self) -> None:
        self.first: str | None = None
        self.entries = 0
        self.paged = True  # every entry so far ends with its page number

    def skips(self, found: Opening | None, folded: str) -> bool:
        """Whether an active skip skips this paragraph (or ends before it)."""
        has_page = bool(_PAGE_NUMBER.search(folded))
        if self.entries >= 2 and self.paged and not has_page and found is None:
            self.active = False
            return False
        self.entries += 1
        self.paged = self.paged and has_page
        if found is None:
            return self.first is not None and len(folded) <= 40  # an unnumbered entry (附则 …)
        key = folded[:found[1]]
        if self.first is None:
            self.first = key
            return True
        if key == self.first:
            self.active = False
            return False
        return True


def keep_real_sequences(candidates: list[Candidate]) -> list[Candidate]:
    """首先 … 其次 … 最后 count only as a sequence: a 首先 needs a 其次 (or 再次, 第二) after it.

    A lone 首先 is ordinary prose and is dropped here; a lone 其次 or 最后 is refused by
    `levels`, like any number that continues no open list.
    """
    words = [c for c in candidates if c.style.list_family == "ordinal_words"]
    opens = [c.style.numeral == "sequence" and c.says("首先") for c in words]  # (not 第一，: no fold)
    lone = {id(c) for index, c in enumerate(words) if opens[index] and not _continued(words, opens, index)}
    return [c for c in candidates if id(c) not in lone] if lone else candidates


def _continued(words: list[Candidate], opens: list[bool], index: int) -> bool:
    """Whether a 其次 (or 再次, 第二 …) follows the 首先 `words[index]` before the next 首先."""
    for later, later_opens in zip(words[index + 1:], opens[index + 1:]):
        if later_opens:
            return False
        if later.ordinal in (2, 3):
            return True
    return False


# --- inline enumerations -------------------------------------------------------------------

#: Each inline style's place in STYLES (`ordinal_of` reads numerals by it).
_INLINE_ROWS = tuple(index for index, style in enumerate(STYLES) if style.inline)
_INLINE_STYLES = tuple(STYLES[row] for row in _INLINE_ROWS)


def _boundary_of(style: NumberingStyle) -> set[str]:
    """The characters after which an inline marker of `style` stands at a clause boundary."""
    return STRONG_BOUNDARY if style.inline == "strong" else CLAUSE_BOUNDARY


def _may_follow(style: NumberingStyle) -> frozenset[str] | None:
    """What an inline marker of `style` may follow (None: anything), as `_at_boundary` says
    (a "\n" stands for the paragraph's start)."""
    if style.segment_check:
        return None
    return frozenset(_boundary_of(style))


#: Every inline marker of the text, in one scan (a marker's first digit is an ASCII one; a
#: digit after what no marker may follow is not even tried: 2026年 holds four)
_INLINE_SCAN = RowScan(
    [style.pattern.pattern for style in _INLINE_STYLES], ascii_digits=True,
    after=[_may_follow(style) for style in _INLINE_STYLES],
)


def _inline_candidates(hits: list[Hit], paragraph: Paragraph, index: int, markers: dict[str, str]) -> list[Candidate]:
    """Inline markers of one paragraph (its hits in the inline scan) that stand at a clause
    boundary (or pass segmentation).

    The checks run cheapest first: a hit neither at a boundary nor open to segmentation is
    dropped before its guards run; segmentation (which loads the segmenter) runs last."""
    found = []
    text, offset = paragraph.folded, paragraph.start
    for hit in hits:
        style = _INLINE_STYLES[hit[0]]
        start, end = hit[1] - offset, hit[2] - offset
        at_boundary = _at_boundary(style, text, start)
        if at_boundary is False:
            continue
        ordinal = ordinal_of(_INLINE_ROWS[hit[0]], hit[3][0])
        if style.guarded and refused_at(style, end, ordinal, text):
            continue
        if style.weak_after and weak_at(style, end, text):
            continue
        if at_boundary is None and not _starts_word(text, start):
            continue
        marker = paragraph.text[start:end]
        found.append(Candidate(style, markers.setdefault(marker, marker), ordinal, offset + start, offset + end, index))
    return found


def _at_boundary(style: NumberingStyle, text: str, start: int) -> bool | None:
    """True at a clause boundary, False where no marker can stand, None where only word
    segmentation can tell (a marker glued to the word before it)."""
    if start == 0:
        return True
    before = text[start - 1]
    if before in _boundary_of(style):
        return True
    if style.segment_check and "\u4e00" <= before <= "\u9fff":
        return None
    return False


def _starts_word(text: str, start: int) -> bool:
    from .segment import ends_known_word, starts_word

    if ends_known_word(text, start):
        return False  # 统一是, 唯一是: decided without loading the segmenter
    return starts_word(text, start)


def _runs(candidates: list[Candidate], paragraph: Paragraph, index: int, opening: Opening | None) -> list[InlineRun]:
    """The candidates' runs, by list family; a run at the paragraph's start only when it
    continues the marker opening the paragraph."""
    if len(candidates) < 2:
        return []
    offset = paragraph.start
    runs: list[InlineRun] = []
    by_style: dict[str, list[Candidate]] = {}
    for cand in candidates:
        by_style.setdefault(cand.style.list_family, []).append(cand)
    for group in by_style.values():
        if len(group) >= 2:  # a run needs two items
            runs.extend(_count_up(group, index))
    opening_family = opening[0].list_family if opening else None
    for run in runs:
        run.opens_paragraph = run.items[0].start == offset and run.style.list_family == opening_family
    runs = [run for run in runs if not (run.items[0].start == offset and not run.opens_paragraph)]
    if len(runs) > 1:
        runs.sort(key=lambda run: run.items[0].start)
    return runs


def _count_up(group: list[Candidate], paragraph: int) -> list[InlineRun]:
    runs = []
    current: list[Candidate] = []
    for cand in group:
        if current and _next_in_run(current[-1], cand, current):
            if cand.ordinal == 0:
                cand.ordinal = current[-1].ordinal + 1
            current.append(cand)
            if cand.style.numeral == "sequence" and cand.says("最后"):  # only sequence words say it
                runs.append(current)
                current = []
            continue
        if len(current) >= 2:
            runs.append(current)
        current = [cand] if cand.ordinal == 1 else []
    if len(current) >= 2:
        runs.append(current)
    return [InlineRun(items[0].style, items, paragraph) for items in runs if len(items) >= 2]


def _next_in_run(last: Candidate, cand: Candidate, current: list[Candidate]) -> bool:
    if cand.ordinal == 0:
        return len(current) >= 2  # 最后 closes 首先 … 其次 …, never 首先 alone
    return cand.ordinal == last.ordinal + 1
