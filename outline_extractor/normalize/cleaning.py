"""Cleaning passes: Markdown markup, the published 【提纲】, site cruft and cut markers,
letter-spaced titles."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress, repeat
from operator import ge, itemgetter
from typing import Callable

from .. import lazyre, recache
from ..boilerplate import CRUFT_ANCHORS, CUT_ANCHORS, CUT_GATE, CUTS, TOOLBAR_TOKENS, Cruft
from ..scan import SRE, Table, combinable, first_char_set, first_chars, parse_pattern
from ..traditional import fold
from .lines import Context, Cut, Line, line_firsts, line_starts, lines_equal_to, lines_holding, lines_holding_pairs, lines_starting_with

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
    for index in _markup_lines([line.text for line in lines]):
        line = lines[index]
        text = _MARKUP_EMPHASIS.sub("", _MARKUP_PREFIX.sub("", line.text)).strip()
        if text != line.text and text:
            line.text = text
            stripped += 1
    if stripped:
        ctx.notes["markup_lines"] = stripped
    return lines


def _markup_lines(texts: list[str]) -> list[int] | set[int]:
    """The lines a markup pattern can change (lines come stripped): those starting with a
    character a prefix starts with, and those holding ** or __."""
    joined = "\n".join(texts)
    starting = lines_starting_with(texts, _MARKUP_FIRST, joined)
    if "*" not in joined and "_" not in joined:  # one character: far faster to look for
        return starting
    return sorted(lines_holding(joined, line_starts(texts), ("**", "__")).union(starting))


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
    Only the lines a gate lets through are matched (most lines are prose no row can match).
    """
    texts = [line.text for line in lines]
    joined = "\n".join(texts)
    folded = joined if ctx.source_unfoldable else fold(joined)
    ctx.nothing_to_fold = folded is joined
    folded_lines = texts if ctx.nothing_to_fold else folded.split("\n")
    starts = line_starts(folded_lines)
    reasons, breaking, labels = _matched_lines(lines, ctx, _RowTables.of(table), folded, folded_lines, starts)
    arrows = {index for arrow in _ARROWS for index in lines_equal_to(texts, arrow)}
    _cruft_by_context(texts, reasons, labels, breaking, arrows)
    return _without_dropped(lines, ctx, reasons, breaking)


def _matched_lines(
    lines: list[Line], ctx: Context, rows: _RowTables, folded: str, folded_lines: list[str], starts: list[int]
) -> tuple[dict[int, str], dict[int, bool], dict[int, Cruft]]:
    """(reason, whether it breaks the paragraph, label row) of each line a cut marker or a
    row drops, by index; the cuts found go to `ctx.cuts`."""
    reasons: dict[int, str] = {}
    breaking: dict[int, bool] = {}
    labels: dict[int, Cruft] = {}
    with_cut = _lines_with_cut(folded, starts)
    firsts = line_firsts(folded, starts)
    possible, unanchored = rows.candidates(firsts, folded, starts)
    cut_lines = set()  # a line with a cut is not tried against the rows
    for index in sorted(with_cut):
        text = folded_lines[index]
        cut = _cut_in(text)
        if cut is not None:
            reason, omitted = cut
            line = lines[index]
            ctx.cuts.append(Cut(line.number, reason, omitted, line.text))
            if _only_marker_left(text):
                reasons[index] = "cut marker"
            cut_lines.add(index)
    tried = with_cut.union(possible)
    tried.difference_update(cut_lines)
    for index, row in rows.first_matches(folded_lines, firsts, tried, unanchored):
        reasons[index] = row.reason
        breaking[index] = row.breaks
        if row.value is not None and lines[index].text[-1:] in "：:":
            labels[index] = row
    return reasons, breaking, labels


def _without_dropped(lines: list[Line], ctx: Context, reasons: dict[int, str], breaking: dict[int, bool]) -> list[Line]:
    """The lines not dropped (reported in order); the line after a run of dropped lines opens
    a paragraph unless no line of the run breaks it (a page number inside a sentence)."""
    if not reasons:
        return lines
    kept: list[Line] = []
    after = 0  # the first line neither kept nor dropped yet
    broken = False
    for index in sorted(reasons):
        if index > after:
            if broken:
                lines[after].blank_before = True
                broken = False
            kept.extend(lines[after:index])
        ctx.drop(lines[index], reasons[index])
        broken = broken or breaking.get(index, True)
        after = index + 1
    if broken and after < len(lines):
        lines[after].blank_before = True
    kept.extend(lines[after:])
    return kept


class _RowTables:
    """A boilerplate table applied to the lines that may match: a row whose first character
    is known is tried only on a line starting with it, a row without one only on a line
    holding a string it needs (CRUFT_ANCHORS, or its own scan). For each first character
    the rows that may match are combined, in table order, into one pattern. Rows that cannot
    be combined (a user's pattern with flags or back-references) make it fall back to trying
    every row on every line."""

    def __init__(self, table: tuple[Cruft, ...]) -> None:
        self.table = table
        self.combinable = all(combinable(row.pattern) for row in table)
        firsts = [first_chars(row.pattern.pattern) for row in table]
        #: per row, the characters its matches start with (None: unknown): as a set where the
        #: class lists them (no `\d`, `\s`…), else as the class, compiled when first asked
        #: (a class of CJK characters costs ~0.2 ms to compile, and a row's is asked about one
        #: character at a time)
        self.first_classes = [
            (first_char_set([row.pattern.pattern]) or lazyre.compile(chars)) if chars else None
            for row, chars in zip(table, firsts)
        ]
        self.first_gate = _class_of(firsts)
        #: the same for the rows not limited to the edges
        self.inner_first_gate = _class_of([chars for row, chars in zip(table, firsts) if not row.edges_only])
        #: the rows without a known first character, looked for in the whole text: by the
        #: anchors the rows not limited to the edges need, and those the others need
        unanchored = [row for row, chars in zip(table, firsts) if not chars]
        self.unanchored = Table([row.pattern for row in unanchored])
        anchors = [_anchors_of(row, CRUFT_ANCHORS) for row in unanchored]
        self.anchors = bool(unanchored) and all(found is not None for found in anchors)
        if self.anchors:
            self.inner_anchors = tuple({a: 0 for row, found in zip(unanchored, anchors) if not row.edges_only for a in found})
            self.edge_anchors = tuple({a: 0 for found in anchors for a in found if a not in self.inner_anchors})
        self._matchers: dict[tuple[str, bool, bool], tuple[list[Cruft], int | None, Callable | None]] = {}

    @staticmethod
    def of(table: tuple[Cruft, ...]) -> _RowTables:
        """The tables of `table`, made once: the same tuple is found by identity (hashing
        35 rows a text cost more than the rest of a short text's cruft pass)."""
        last = _RowTables._last
        if last is not None and last.table is table:
            return last
        _RowTables._last = found = _RowTables._of(table)
        return found

    _last: _RowTables | None = None

    @staticmethod
    @lru_cache(maxsize=16)
    def _of(table: tuple[Cruft, ...]) -> _RowTables:
        return _RowTables(table)

    def candidates(self, firsts: str, text: str, starts: list[int]) -> tuple[set[int] | range, set[int] | range]:
        """(the lines some row may match, the lines a row without a known first character
        may match); every line when that cannot be told. `text` is the lines joined with
        "\n", `starts` their offsets in it, `firsts` their first characters as one string
        (`line_firsts`: a match's offset in it is its line's index)."""
        count = len(firsts)
        everything = range(count)
        if not self.combinable:
            return everything, everything
        possible = set()
        if self.inner_first_gate is not None:
            possible.update(map(_START, self.inner_first_gate.finditer(firsts)))
        if self.first_gate is not None:
            edge = min(_EDGE, count)
            possible.update(map(_START, self.first_gate.finditer(firsts, 0, edge)))
            possible.update(map(_START, self.first_gate.finditer(firsts, max(count - _EDGE, edge))))
        if not self.unanchored.patterns:
            return possible, set()
        if self.anchors:
            unanchored = lines_holding(text, starts, self.inner_anchors)
            edge = min(_EDGE, count)
            unanchored.update(lines_holding(text, starts, self.edge_anchors, 0, edge))
            unanchored.update(lines_holding(text, starts, self.edge_anchors, max(count - _EDGE, edge)))
        else:
            hit = self.unanchored.lines_hit(text, starts)
            unanchored = set(hit) if hit is not None else everything
        return possible.union(unanchored), unanchored

    def first_matches(
        self, lines: list[str], firsts: str, indices: set[int], unanchored: set[int] | range
    ) -> list[tuple[int, Cruft]]:
        """(index, first row in table order whose pattern matches the whole line) of each line
        at `indices` a row matches, in order; `firsts`: the lines' first characters
        (`line_firsts`); `unanchored`: the lines the rows without a known first character may
        match. The lines are grouped by what tells which rows may match them (first character,
        whether at an edge, whether in `unanchored`); a group with one row to try is matched
        in one C-level pass (`map` of the pattern's match)."""
        count = len(lines)
        if not self.combinable:  # every row on every line
            found = []
            for index in sorted(indices):
                at_edge = index < _EDGE or index >= count - _EDGE
                row = next((row for row in self.table if (at_edge or not row.edges_only) and row.pattern.match(lines[index])), None)
                if row is not None:
                    found.append((index, row))
            return found
        groups: dict[tuple[str, bool, bool], list[int]] = {}
        for index in indices:
            key = (firsts[index], index < _EDGE or index >= count - _EDGE, index in unanchored)
            group = groups.get(key)
            if group is None:
                groups[key] = [index]
            else:
                group.append(index)
        found: list[tuple[int, Cruft]] = []
        for key, group in groups.items():
            matcher = self._matchers.get(key)
            if matcher is None:
                matcher = self._matchers[key] = self._matcher(*key)
            rows, width, match = matcher
            if not rows:
                continue
            if len(group) < _MAPPED:  # setting up the C-level passes costs more
                for index in group:
                    text = lines[index]
                    result = match(text) if width is None or len(text) <= width else None
                    if result is not None:
                        found.append((index, rows[0] if len(rows) == 1 else rows[result]))
                continue
            if width is not None:  # a line longer than any row's longest match is no match
                group = list(compress(group, map(ge, repeat(width), map(len, map(lines.__getitem__, group)))))
            results = map(match, map(lines.__getitem__, group))
            if len(rows) == 1:
                found.extend((index, rows[0]) for index in compress(group, results))
            else:
                found.extend((index, rows[result]) for index, result in zip(group, results) if result is not None)
        found.sort(key=_FIRST)
        return found

    def _matcher(self, first: str, at_edge: bool, unanchored: bool) -> tuple[list[Cruft], int | None, Callable | None]:
        """(the rows that may match a line starting with `first`, the longest line they can
        match whole (None: unbounded), the match: one row's own pattern's (a match or None),
        or for more rows their Table's (the index of the first row that matches, or None))."""
        first = "" if first == "\n" else first  # an empty line's, in `line_firsts`
        rows = [
            row for row, first_class in zip(self.table, self.first_classes)
            if (at_edge or not row.edges_only)
            and (_starts(first_class, first) if first_class is not None else unanchored)
        ]
        if not rows:
            return rows, None, None  # (never matched: `first_matches` skips a key without rows)
        widths = [_line_width(row.pattern.pattern) for row in rows]
        width = max(widths) if None not in widths else None
        if len(rows) == 1:
            return rows, width, rows[0].pattern.match
        return rows, width, Table([row.pattern for row in rows]).match


_FIRST = itemgetter(0)
#: A group of lines this large is matched by C-level passes (`map`), a smaller one line by line.
_MAPPED = 16
_START = re.Match.start


def _starts(first_class: frozenset[str] | re.Pattern[str], first: str) -> bool:
    """Whether `first` (a line's first character, "" for an empty line) is one a row's
    matches can start with."""
    if isinstance(first_class, frozenset):
        return first in first_class
    return first_class.match(first) is not None


def _class_of(classes: list[str | None]) -> re.Pattern[str] | None:
    """One character class of all the classes given (`first_chars` results; None ones left out)."""
    body = "".join(chars[1:-1] for chars in classes if chars)
    return lazyre.compile(f"[{body}]") if body else None


def _anchors_of(row: Cruft, anchors: tuple[str, ...]) -> list[str] | None:
    """The `anchors` one of which every match of the row holds (those in the strings one of
    which it needs); None when some such string holds none."""
    required = Table([row.pattern]).required
    if not required or not all(any(anchor in word for anchor in anchors) for word in required):
        return None
    return [anchor for anchor in anchors if any(anchor in word for word in required)]


@lru_cache(maxsize=256)
@recache.remember
def _line_width(pattern: str) -> int | None:
    """The longest line `pattern` can match whole, when each of its matches ends at `$`
    (a row must match all of a line); None when unbounded or not so anchored."""
    parsed = parse_pattern(pattern)
    if not _ends_at_end(list(parsed)):
        return None
    width = parsed.getwidth()[1]
    return width if width < SRE.MAXREPEAT else None


def _ends_at_end(items: list) -> bool:
    if not items:
        return False
    op, av = items[-1]
    if op is SRE.AT:
        return av is SRE.AT_END
    if op is SRE.BRANCH:
        return all(_ends_at_end(list(alternative)) for alternative in av[1])
    if op is SRE.SUBPATTERN:
        return _ends_at_end(list(av[-1]))
    return False


def _lines_with_cut(text: str, starts: list[int]) -> set[int]:
    """The lines a cut marker may stand in: those holding a pair of characters of CUT_GATE
    (a few `str.find` scans of the whole text for rare characters)."""
    return lines_holding_pairs(text, starts, CUT_GATE, CUT_ANCHORS)


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


_ARROWS = (">", "›", "»")

_LINK_REASONS = ("link id", "link list", "related link")


def _cruft_by_context(
    texts: list[str], reasons: dict[int, str], labels: dict[int, Cruft], breaking: dict[int, bool], arrows: set[int]
) -> None:
    """Lines that are cruft by their neighbours: a label's value (来源： / 北京日报), a
    breadcrumb step beside a '>', toolbar tokens (大 中 小) between cruft lines, the titles
    listed under 往期推荐, a PDF's running header beside its page number.

    Every such rule needs a neighbour that is cruft or a '>' line (`arrows`), or the text's
    edge; so each sweep (in line order, until nothing changes) visits only the lines beside
    those, and the line after each one it finds."""
    count = len(texts)
    head = set(texts[:3])
    changed = True
    while changed:
        changed = False
        around = {index + step for index in (*reasons, *arrows) for step in (-1, 1)}
        around.update((0, count - 1))
        pending = sorted(index for index in around if 0 <= index < count and index not in reasons)
        for start in pending:
            index = start
            while index < count and index not in reasons and _settle(index, texts, reasons, labels, breaking, head):
                changed = True
                index += 1  # the line after a line found is visited next, as in a full sweep


def _settle(
    index: int, texts: list[str], reasons: dict[int, str], labels: dict[int, Cruft], breaking: dict[int, bool], head: set[str]
) -> bool:
    """Whether line `index` is cruft by its neighbours (its reason is then set)."""
    count = len(texts)
    text = texts[index]
    previous = reasons.get(index - 1) if index else "edge"
    if previous in _LINK_REASONS and len(text) <= 80 and not text.endswith("。"):
        reasons[index] = "related link"  # the title of a link listed under its id or header
        return True
    if index >= 3 and text in head and len(text) <= 40 and "page number" in (
        previous, reasons.get(index + 1) if index + 1 < count else None
    ):
        reasons[index] = "running header"
        breaking[index] = False
        return True
    if len(text) > 20 or _FULL_STOP.search(text):
        return False
    following = reasons.get(index + 1) if index + 1 < count else "edge"
    reason = None
    label = labels.get(index - 1) if index else None
    if label is not None and label.value.match(text):
        reason = reasons[index - 1]
    elif (index and texts[index - 1] in _ARROWS) or (index + 1 < count and texts[index + 1] in _ARROWS):
        reason = "breadcrumb"
    elif index and reasons.get(index - 1) is not None and text == texts[index - 1]:
        reason = reasons[index - 1]
    elif text in TOOLBAR_TOKENS and (previous is not None or following is not None):
        reason = "reader toolbar"
    if reason is None:
        return False
    reasons[index] = reason
    return True


_SPACED_TOKEN = lazyre.compile(r"[\u4e00-\u9fff]|[0-9０-９]{1,4}|[《》“”（）()〔〕、·]")


def close_letter_spacing(lines: list[Line], ctx: Context) -> list[Line]:
    """国 务 院 工 作 规 则 → 国务院工作规则 (a title printed with a space after each character;
    a number or a bracket may stand among them: 关 于 做 好 2026 年 防 汛 工 作 的 通 知).
    Only a line with two spaces or more (three tokens) can be one."""
    for line in [line for line in lines if line.text.count(" ") > 1]:
        tokens = line.text.split(" ")
        spaced = sum(1 for t in tokens if len(t) == 1 and "\u4e00" <= t <= "\u9fff")
        if spaced >= 3 and spaced * 3 >= len(tokens) * 2 and all(_SPACED_TOKEN.fullmatch(t) for t in tokens):
            line.text = "".join(tokens)
            line.pieces = [(0, line.number)]
    return lines
