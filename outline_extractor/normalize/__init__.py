"""Raw text to clean paragraphs, one per line, keeping a map back to the input lines.

The normaliser is an ordered list of passes (`default_passes()`), each a small function over
the list of lines. What a pass drops is reported (`Normalized.dropped` and diagnostics); nothing vanishes
silently. The normalised text is the paragraphs joined with "\\n"; node spans point into it,
and `Normalized.line_at()` maps an offset back to the 1-based line of the input.

The passes live one family a module: `cleaning` (markup, cruft, cuts, letter-spacing),
`joining` (hard wraps), `duplicates`; `lines` holds the data they share.
"""

from __future__ import annotations

from functools import partial

from .. import phrases
from ..boilerplate import CRUFT, Cruft
from ..models import Diagnostic
from ..styles import OPENING_SCAN, opens_with_marker
from ..traditional import fold
from .cleaning import close_letter_spacing, drop_cruft, strip_markup, take_published_outline
from .duplicates import drop_duplicates
from .joining import SENTENCE_END, ends_open, join, join_hard_wraps, wrap_width
from .lines import Context, Cut, DroppedLine, Line, Normalized, Paragraph, Pass, line_starts, lines_starting_with, split_lines

__all__ = [
    "SENTENCE_END",
    "Context",
    "Cut",
    "DroppedLine",
    "Line",
    "Normalized",
    "Paragraph",
    "Pass",
    "build",
    "close_letter_spacing",
    "default_passes",
    "drop_cruft",
    "drop_duplicates",
    "ends_open",
    "join",
    "join_hard_wraps",
    "normalize",
    "split_lines",
    "strip_markup",
    "take_published_outline",
    "wrap_width",
]


def build(lines: list[Line], ctx: Context) -> Normalized:
    texts = [line.text for line in lines]
    text = "\n".join(texts)
    if texts and text.count("\n") != len(texts) - 1:
        # Detect finds a hit's paragraph by counting line breaks (scan.RowScan): a pass that
        # leaves one inside a line would move every later heading to the wrong paragraph.
        raise ValueError("a normalising pass left a line break inside a line")
    # once: a paragraph's fold is its slice (fold keeps every offset)
    folded = text if ctx.nothing_to_fold else fold(text)
    starts = line_starts(texts)
    if folded is text:  # no copy when nothing folds
        paragraphs = [Paragraph(line.text, start, line.number, line.pieces, line.text) for line, start in zip(lines, starts)]
    else:
        paragraphs = [
            Paragraph(line.text, start, line.number, line.pieces, folded[start:start + len(line.text)])
            for line, start in zip(lines, starts)
        ]
    cut_lines = {d.line for d in ctx.dropped if d.reason == "cut marker"}
    diagnostics = [*ctx.diagnostics, *_drop_diagnostics(ctx.dropped), *_cut_diagnostics(ctx.cuts, cut_lines)]
    diagnostics.sort(key=lambda d: d.line or 0)
    return Normalized(text, paragraphs, folded, ctx.dropped, diagnostics, ctx.notes, ctx.cuts, ctx.published_outline, starts)


def normalize(raw: str, passes: list[Pass] | None = None, cruft: tuple[Cruft, ...] = ()) -> Normalized:
    """Run the passes over the text; the default list is `default_passes(cruft)`."""
    ctx = Context()
    lines = split_lines(raw, ctx)
    for step in passes if passes is not None else default_passes(cruft):
        lines = step(lines, ctx)
    return build(lines, ctx)


def default_passes(cruft: tuple[Cruft, ...] = ()) -> list[Pass]:
    """The passes in order: Markdown markup, the published 【提纲】, site cruft and cuts,
    letter-spacing, two hosts' turns, hard wraps, duplicates. `cruft` adds user patterns to the boilerplate table."""

    def drop_site_cruft(lines: list[Line], ctx: Context) -> list[Line]:
        return drop_cruft(lines, ctx, CRUFT + cruft)

    def hard_wraps(lines: list[Line], ctx: Context) -> list[Line]:
        return join_hard_wraps(lines, ctx, partial(opens_paragraph, folded=ctx.nothing_to_fold))

    def duplicates(lines: list[Line], ctx: Context) -> list[Line]:
        return drop_duplicates(lines, ctx, partial(opens_with_marker, folded=ctx.nothing_to_fold))

    return [strip_markup, take_published_outline, drop_site_cruft, close_letter_spacing, host_turns, hard_wraps, duplicates]


def opens_paragraph(text: str, *, folded: bool = False) -> bool:
    """Whether a line opens a paragraph of its own: a numbering marker, or a host's line
    (进行第一项议程…, 第二项，…, a stage direction alone such as （稍停）). `folded`: the text
    is known to have nothing `fold` changes."""
    first = text[:1] if folded else fold(text[:1])  # the first character as the marker styles read it
    if first in OPENING_SCAN.first and opens_with_marker(text, folded=folded):
        return True
    if text[0] not in _HOST_LINE_FIRST and "进行" not in text[:16]:
        return False
    head = text[:40] if folded else fold(text[:40])
    return bool(
        phrases.AGENDA_OPENING_LINE.match(head) or phrases.AGENDA_STEP.match(head)
        or phrases.AGENDA_NAMED_STEP.match(head) or phrases.STAGE_DIRECTION_LINE.match(head)
    )


#: First characters of a host's step or stage direction line (a cheap gate before the patterns).
_HOST_LINE_FIRST = set("第下现接首然仪会大典议（(")


def host_turns(lines: list[Line], ctx: Context) -> list[Line]:
    """In a script for two hosts (男：… / 女：… / 合：…), each turn is a paragraph of its own,
    as if a blank line stood before it (a turn ending on a comma does not run into the next)."""
    starting = lines_starting_with([line.text for line in lines], _TURN_FIRST)
    turns = [lines[index] for index in starting if phrases.HOST_ROLE_LINE.match(lines[index].text)]
    if len(turns) >= 2:
        for line in turns:
            line.blank_before = True
    return lines


_TURN_FIRST = "男女合甲乙主"


def _drop_diagnostics(dropped: list[DroppedLine]) -> list[Diagnostic]:
    """One cruft-removed diagnostic per run of dropped lines; one per duplicate paragraph.
    A line that only marks a cut is reported by its `truncated` diagnostic instead."""
    found: list[Diagnostic] = []
    cruft = [d for d in dropped if not d.reason.startswith("duplicate") and d.reason != "cut marker"]
    for d in dropped:
        if d.reason.startswith("duplicate"):
            found.append(Diagnostic(code="duplicate-paragraph", severity="warning",
                                    message=f"line {d.line} dropped: {d.reason}", line=d.line))
    cruft.sort(key=lambda d: d.line)
    run: list[DroppedLine] = []
    for d in cruft + [None]:
        if d is not None and (not run or d.line - run[-1].line <= 2):
            run.append(d)
            continue
        if run:
            first, last = run[0].line, run[-1].line
            where = f"line {first}" if first == last else f"lines {first}–{last}"
            reasons = "; ".join(dict.fromkeys(r.reason for r in run))
            found.append(Diagnostic(code="cruft-removed", severity="info",
                                    message=f"{where} removed ({len(run)}): {reasons}", line=first))
        run = [d] if d is not None else []
    return found


def _cut_diagnostics(cuts: list[Cut], dropped_lines: set[int]) -> list[Diagnostic]:
    found = []
    for cut in cuts:
        omitted = f"; {cut.omitted} characters omitted" if cut.omitted else ""
        dropped = "; the marker line is dropped" if cut.line in dropped_lines else ""
        found.append(Diagnostic(code="truncated", severity="warning",
                                message=f"the text is cut at line {cut.line} ({cut.reason}{omitted}{dropped})", line=cut.line))
    return found
