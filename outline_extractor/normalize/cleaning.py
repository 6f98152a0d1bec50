"""Cleaning passes: Markdown markup, the published 【提纲】, site cruft and cut markers,
letter-spaced titles."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lazyre
from ..boilerplate import CUTS, TOOLBAR_TOKENS, Cruft
from ..scan import Table, combinable
from ..traditional import fold
from .lines import Context, Cut, Line

_EDGE = 20  # lines at each end where bylines and captions stand
_PUBLISHED = lazyre.compile(r"^【提纲】")


#: Markdown a page copied as Markdown puts around the text: `## 一、…`, `- `, `> `, `**一是**`.
_MARKUP_PREFIX = lazyre.compile(r"^(?![-–]\s?(?:\d{1,3}|END)\s?[-–]$)(?:#{1,6}\s+|[-*+]\s+|>\s?)+")  # not - 2 - or - END -
_MARKUP_EMPHASIS = lazyre.compile(r"\*\*|__")
_MARKUP_FIRST = "#-*+>"  # what a _MARKUP_PREFIX match starts with


def strip_markup(lines: list[Line], ctx: Context) -> list[Line]:
    """`## 一、加强领导`, `**（一）压实责任**`, `- 1. 明确分工` → the text as printed on paper.
    Formatting, not content: nothing is reported dropped; the count goes to `notes`."""
    stripped = 0
    for line in lines:
        if line.text[0] not in _MARKUP_FIRST and "**" not in line.text and "__" not in line.text:
            continue  # neither pattern can change it (lines come stripped)
        text = _MARKUP_EMPHASIS.sub("", _MARKUP_PREFIX.sub("", line.text)).strip()
        if text != line.text and text:
            line.text = text
            stripped += 1
    if stripped:
        ctx.notes["markup_lines"] = stripped
    return lines


def take_published_outline(lines: list[Line], ctx: Context) -> list[Line]:
    """A 【提纲】 summary on top of the text is not body text: keep it aside for the metadata."""
    for index, line in enumerate(lines[:3]):
        if _PUBLISHED.match(line.text):
            ctx.published_outline = (line.number, line.text)
            rest = lines[:index] + lines[index + 1:]
            if index < len(rest):
                rest[index].blank_before = True
            return rest
    return lines


def drop_cruft(lines: list[Line], ctx: Context, table: tuple[Cruft, ...]) -> list[Line]:
    """Drop site boilerplate (table rows, toolbar tokens beside them) and cut markers.

    A dropped line breaks the paragraph: the line after it never joins the line before it.
    """
    count = len(lines)
    reasons: list[str | None] = [None] * count
    labels: list[Cruft | None] = [None] * count
    breaking = [True] * count
    joined = "\n".join(line.text for line in lines)
    folded = fold(joined)
    ctx.nothing_to_fold = folded is joined
    folded_lines = folded.split("\n")
    with_cut = _lines_with_cut(folded_lines)
    rows = _RowTables.of(table)
    possible = rows.possible_lines(folded_lines)
    for index, line in enumerate(lines):
        folded = folded_lines[index]
        cut = _cut_in(folded) if index in with_cut else None
        if cut is not None:
            reason, omitted = cut
            ctx.cuts.append(Cut(line.number, reason, omitted, line.text))
            if _only_marker_left(folded):
                reasons[index] = "cut marker"
            continue
        if not possible[index]:
            continue  # no row can match this line (its first character, its words)
        row = rows.first_match(folded, at_edge=index < _EDGE or index >= count - _EDGE)
        if row is not None:
            reasons[index] = row.reason
            breaking[index] = row.breaks
            if row.value is not None and line.text[-1:] in "：:":
                labels[index] = row
    _cruft_by_context(lines, reasons, labels, breaking)
    kept: list[Line] = []
    broken = False
    for line, reason, breaks in zip(lines, reasons, breaking):
        if reason is not None:
            ctx.drop(line, reason)
            broken = broken or breaks
            continue
        if broken:
            line.blank_before = True
            broken = False
        kept.append(line)
    return kept


class _RowTables:
    """A boilerplate table applied as one combined pattern a line: all rows for the lines at
    the edges, the rows not limited to the edges for the others. Rows that cannot be combined
    (a user's pattern with flags or back-references) make it fall back to the row loop."""

    def __init__(self, table: tuple[Cruft, ...]) -> None:
        self.table = table
        self.combined = all(combinable(row.pattern) for row in table)
        if self.combined:
            self.inner_rows = [row for row in table if not row.edges_only]
            self.all = Table([row.pattern for row in table])
            self.inner = Table([row.pattern for row in self.inner_rows])

    @staticmethod
    @lru_cache(maxsize=16)
    def of(table: tuple[Cruft, ...]) -> _RowTables:
        return _RowTables(table)

    def possible_lines(self, lines: list[str]) -> list[bool]:
        """Which lines some row could match (every line when that cannot be told)."""
        possible = self.all.possible_lines(lines) if self.combined else None
        return possible if possible is not None else [True] * len(lines)

    def first_match(self, text: str, at_edge: bool) -> Cruft | None:
        """The first row (in table order) whose pattern matches the whole line."""
        if not self.combined:
            return next((row for row in self.table if (at_edge or not row.edges_only) and row.pattern.match(text)), None)
        if at_edge:
            index = self.all.match(text)
            return self.table[index] if index is not None else None
        index = self.inner.match(text)
        return self.inner_rows[index] if index is not None else None


_CUT_TABLE = Table([pattern for _, pattern in CUTS])


def _lines_with_cut(folded_lines: list[str]) -> set[int] | range:
    """The lines a cut marker may stand in (one scan of the whole text)."""
    starts, offset = [], 0
    for text in folded_lines:
        starts.append(offset)
        offset += len(text) + 1
    hit = _CUT_TABLE.lines_hit("\n".join(folded_lines), starts)
    return set(hit) if hit is not None else range(len(folded_lines))


def _cut_in(text: str) -> tuple[str, int | None] | None:
    for reason, pattern in CUTS:
        match = pattern.search(text)
        if match:
            omitted = match.groupdict().get("n")
            return reason, int(omitted) if omitted else None
    return None


_FILLER = lazyre.compile(r"[…\.。，,：:;；!！?？()（）【】\[\]\s\-—·]|www\.[\w.\-/]+|https?://\S+|[\w\u4e00-\u9fff]{0,8}文库")


def _only_marker_left(text: str) -> bool:
    """Whether a line holding a cut marker has nothing else of substance (then it is dropped)."""
    rest = text
    for _, pattern in CUTS:
        rest = pattern.sub("", rest)
    rest = _FILLER.sub("", rest)
    rest = re.sub(r"不往下看了|继续阅读|全文|当前显示\d+字|字", "", rest)
    return len(rest) <= 12


_FULL_STOP = lazyre.compile(r"[。！？；]")


def _cruft_by_context(
    lines: list[Line], reasons: list[str | None], labels: list[Cruft | None], breaking: list[bool]
) -> None:
    """Lines that are cruft by their neighbours: a label's value (来源： / 北京日报), a
    breadcrumb step beside a '>', toolbar tokens (大 中 小) between cruft lines, the titles
    listed under 往期推荐, a PDF's running header beside its page number."""
    count = len(lines)
    head = {line.text for line in lines[:3]}
    changed = True
    while changed:
        changed = False
        for index, line in enumerate(lines):
            if reasons[index] is not None:
                continue
            previous = reasons[index - 1] if index else "edge"
            if previous in ("link id", "link list", "related link") and len(line.text) <= 80 and not line.text.endswith("。"):
                reasons[index] = "related link"  # the title of a link listed under its id or header
                changed = True
                continue
            if index >= 3 and line.text in head and len(line.text) <= 40 and "page number" in (
                previous, reasons[index + 1] if index + 1 < count else None
            ):
                reasons[index] = "running header"
                breaking[index] = False
                changed = True
                continue
            if len(line.text) > 20 or _FULL_STOP.search(line.text):
                continue
            previous = reasons[index - 1] if index else "edge"
            following = reasons[index + 1] if index + 1 < count else "edge"
            reason = None
            label = labels[index - 1] if index else None
            if label is not None and label.value.match(line.text):
                reason = reasons[index - 1]
            elif (index and lines[index - 1].text in (">", "›", "»")) or (
                index + 1 < count and lines[index + 1].text in (">", "›", "»")
            ):
                reason = "breadcrumb"
            elif index and reasons[index - 1] is not None and line.text == lines[index - 1].text:
                reason = reasons[index - 1]
            elif line.text in TOOLBAR_TOKENS and (previous is not None or following is not None):
                reason = "reader toolbar"
            if reason is not None:
                reasons[index] = reason
                changed = True


_SPACED_TOKEN = lazyre.compile(r"[\u4e00-\u9fff]|[0-9０-９]{1,4}|[《》“”（）()〔〕、·]")


def close_letter_spacing(lines: list[Line], ctx: Context) -> list[Line]:
    """国 务 院 工 作 规 则 → 国务院工作规则 (a title printed with a space after each character;
    a number or a bracket may stand among them: 关 于 做 好 2026 年 防 汛 工 作 的 通 知)."""
    for line in lines:
        tokens = line.text.split(" ")
        spaced = sum(1 for t in tokens if len(t) == 1 and "\u4e00" <= t <= "\u9fff")
        if spaced >= 3 and spaced * 3 >= len(tokens) * 2 and all(_SPACED_TOKEN.fullmatch(t) for t in tokens):
            line.text = "".join(tokens)
            line.pieces = [(0, line.number)]
    return lines
