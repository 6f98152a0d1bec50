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
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain, islice

from . import lazyre
from .normalize import Normalized, Paragraph
from .traditional import fold
from .styles import (
    CLAUSE_BOUNDARY,
    STRONG_BOUNDARY,
    STYLES,
    NumberingStyle,
    alternation,
    boundary_kinds,
    is_weak,
    match_at_start,
    refused,
    second_reading,
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


def detect(norm: Normalized) -> Detection:
    result = Detection()
    in_notes = False
    contents: _ContentsSkip | None = None
    kinds = boundary_kinds([paragraph.folded for paragraph in norm.paragraphs])
    for index, paragraph in enumerate(norm.paragraphs):
        kind = kinds[index]
        if kind in ("annex", "agenda"):
            result.boundaries.append(index)
        if kind in ("annex", "notes"):
            in_notes = kind == "notes"
            continue
        if kind == "contents":
            contents = _ContentsSkip()
            continue
        if in_notes:
            continue
        found = match_at_start(paragraph.folded)
        if found and kind == "agenda" and found[0].list_family == "ordinal_words":
            found = None  # 首先，进行会议第一项议程: the host's sequence, not a heading
        if contents is not None and contents.skips(found, paragraph.folded):
            continue
        if found:
            candidate = _candidate(found, paragraph, index)
            if found[0].numeral == "decimal" and (other := second_reading(paragraph.folded, found[0])):
                candidate.fallback = _candidate(other, paragraph, index)
            result.headings.append(candidate)
        result.runs.extend(inline_runs(paragraph, index, opening=found))
    result.headings = keep_real_sequences(result.headings)
    return result


def _candidate(found: tuple[NumberingStyle, re.Match[str]], paragraph: Paragraph, index: int) -> Candidate:
    style, match = found
    return Candidate(
        style, paragraph.text[:match.end()], style.ordinal(match), paragraph.start,
        paragraph.start + match.end(), index, weak=is_weak(style, match, paragraph.folded),
    )


#: A contents entry's page number: 范围1, 前言II, 总则……3
_PAGE_NUMBER = lazyre.compile(r"(?:\d{1,3}|[IVXivx]{1,5}|[Ⅰ-Ⅻ])$")


class _ContentsSkip:
    """After 目录: the entries are skipped until the body repeats the first of them; or, in a
    printed 目次 whose entries end with page numbers, until an unnumbered line without one
    (前言: a standard's clause titles are numbered automatically, its body never repeats 1 范围)."""

    def __init__(self) -> None:
        self.first: str | None = None
        self.done = False
        self.entries = 0
        self.paged = True  # every entry so far ends with its page number

    def skips(self, found: tuple[NumberingStyle, re.Match[str]] | None, folded: str) -> bool:
        if self.done:
            return False
        has_page = bool(_PAGE_NUMBER.search(folded))
        if self.entries >= 2 and self.paged and not has_page and found is None:
            self.done = True
            return False
        self.entries += 1
        self.paged = self.paged and has_page
        if found is None:
            return self.first is not None and len(folded) <= 40  # an unnumbered entry (附则 …)
        key = folded[:found[1].end()]
        if self.first is None:
            self.first = key
            return True
        if key == self.first:
            self.done = True
            return False
        return True


def keep_real_sequences(candidates: list[Candidate]) -> list[Candidate]:
    """首先 … 其次 … 最后 count only as a sequence: a 首先 needs a 其次 (or 再次, 第二) after it.

    A lone 首先 is ordinary prose and is dropped here; a lone 其次 or 最后 is refused by
    `levels`, like any number that continues no open list.
    """
    words = [c for c in candidates if c.style.list_family == "ordinal_words"]
    real: set[int] = set()
    for index, cand in enumerate(words):
        if not cand.says("首先"):
            continue
        for later in words[index + 1:]:
            if later.says("首先"):
                break
            if later.ordinal in (2, 3):
                real.add(id(cand))
                break
    return [c for c in candidates if not (c.says("首先") and id(c) not in real)]


# --- inline enumerations -------------------------------------------------------------------

_INLINE_STYLES = tuple(style for style in STYLES if style.inline)
_INLINE_SCAN = lazyre.compile(alternation(_INLINE_STYLES))
_BY_NAME = {style.name: style for style in _INLINE_STYLES}


def inline_candidates(paragraph: Paragraph, index: int, hits: Iterable[re.Match[str]] | None = None) -> list[Candidate]:
    """Inline markers of one paragraph that stand at a clause boundary (or pass segmentation).
    `hits`: the inline scan of the paragraph, when already made.

    The checks run cheapest first: a hit neither at a boundary nor open to segmentation is
    dropped before its guards run; segmentation (which loads the segmenter) runs last."""
    found = []
    text, offset = paragraph.folded, paragraph.start
    for scan in hits if hits is not None else _INLINE_SCAN.finditer(text):
        style = _BY_NAME[scan.lastgroup]
        start = scan.start()
        at_boundary = _at_boundary(style, text, start)
        if at_boundary is False:
            continue
        match = style.pattern.match(text, start)
        if not match or refused(style, match, text) or is_weak(style, match, text):
            continue
        if at_boundary is None and not _starts_word(text, start):
            continue
        marker = paragraph.text[start:match.end()]
        found.append(Candidate(style, marker, style.ordinal(match), offset + start, offset + match.end(), index))
    return found


def _at_boundary(style: NumberingStyle, text: str, start: int) -> bool | None:
    """True at a clause boundary, False where no marker can stand, None where only word
    segmentation can tell (a marker glued to the word before it)."""
    if start == 0:
        return True
    before = text[start - 1]
    boundary = STRONG_BOUNDARY if style.inline == "strong" else CLAUSE_BOUNDARY
    if before in boundary:
        return True
    if style.segment_check and "\u4e00" <= before <= "\u9fff":
        return None
    return False


def _starts_word(text: str, start: int) -> bool:
    from .segment import ends_known_word, starts_word

    if ends_known_word(text, start):
        return False  # 统一是, 唯一是: decided without loading the segmenter
    return starts_word(text, start)


def inline_runs(paragraph: Paragraph, index: int, opening=None) -> list[InlineRun]:
    """Runs of inline markers counting 1, 2, 3 … (or 首先, 其次, …) in one paragraph."""
    offset = paragraph.start
    scan = _INLINE_SCAN.finditer(paragraph.folded)
    first_two = list(islice(scan, 2))  # the rest stays lazy: a huge paragraph has ~10^5 hits
    if len(first_two) < 2:
        return []  # a run needs two items, and the guards only take hits away (a heading's own marker)
    candidates = inline_candidates(paragraph, index, chain(first_two, scan))
    if len(candidates) < 2:
        return []
    runs: list[InlineRun] = []
    by_style: dict[str, list[Candidate]] = {}
    for cand in candidates:
        by_style.setdefault(cand.style.list_family, []).append(cand)
    for group in by_style.values():
        runs.extend(_count_up(group, index))
    opening_family = opening[0].list_family if opening else None
    for run in runs:
        run.opens_paragraph = run.items[0].start == offset and run.style.list_family == opening_family
    runs = [run for run in runs if not (run.items[0].start == offset and not run.opens_paragraph)]
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
            if cand.says("最后"):
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
