"""Raw text to clean paragraphs, one per line, keeping a map back to the input lines.

The normaliser is an ordered list of passes (`default_passes()`), each a small function over
the list of lines. What a pass drops is reported (`Normalized.dropped` and diagnostics); nothing vanishes
silently. The normalised text is the paragraphs joined with "\\n"; node spans point into it,
and `Normalized.line_at()` maps an offset back to the 1-based line of the input.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Callable

from .boilerplate import CRUFT, CUTS, TOOLBAR_TOKENS, TRAILING_CUT, Cruft
from .models import Diagnostic
from .styles import opens_with_marker
from .traditional import fold

# Same-length character folds: widths, odd spaces, dash variants.
# Full-width digits stay as printed (markers keep `１．`); detection reads them through
# traditional.fold(), which also maps them to ASCII.
_FOLD = {0xFF21 + i: ord("A") + i for i in range(26)}
_FOLD.update({0xFF41 + i: ord("a") + i for i in range(26)})
_FOLD.update({ord(ch): ord(" ") for ch in "\t\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\x0b\x0c\u2028\u2029"})
_FOLD.update({0x2015: 0x2014})  # HORIZONTAL BAR ―― used for the subtitle dash ——
_DELETE = {ord(ch): None for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad"}
_TRANSLATION = {**_FOLD, **_DELETE}

_NEWLINES = re.compile(r"\r\n|\r|\n")
_SPACE_RUN = re.compile(r" {2,}")

#: A paragraph's sentence is finished when its line ends with one of these (closing quotes and
#: brackets are looked through).
SENTENCE_END = set("。！？!?；;：:…")
_CLOSERS = set("”’\"'）)】」』》〕］]")
#: A line that starts with one of these continues the previous line.
_CONTINUATION_START = set("，,。、；;：:！？!?）)」』》”’〕")
_TERMINATOR_INSIDE = re.compile(r"[。！？!?；;]")
_COMMA = re.compile(r"[，,、]")


@dataclass
class Line:
    """A line of the text being normalised; after joining, a paragraph."""

    text: str
    number: int  # 1-based line in the input where it starts
    indented: bool = False
    blank_before: bool = False
    #: (offset in `text`, input line) for each input line joined into this one.
    pieces: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.pieces:
            self.pieces = [(0, self.number)]


@dataclass
class DroppedLine:
    line: int
    text: str
    reason: str


@dataclass
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

    def __post_init__(self) -> None:
        self._starts = [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        index = bisect_right(self._starts, offset) - 1
        return self.paragraphs[index] if index >= 0 else None

    def line_at(self, offset: int) -> int:
        """1-based input line of the character at `offset` of the normalised text."""
        paragraph = self.paragraph_at(offset)
        if paragraph is None:
            return 1
        inner = offset - paragraph.start
        offsets = [piece[0] for piece in paragraph.pieces]
        return paragraph.pieces[max(bisect_right(offsets, inner) - 1, 0)][1]


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

    def drop(self, line: Line, reason: str) -> None:
        self.dropped.append(DroppedLine(line.number, line.text, reason))


Pass = Callable[[list[Line], Context], list[Line]]


def split_lines(raw: str) -> list[Line]:
    """Input text to cleaned lines: widths folded, zero-width characters gone, spaces collapsed.

    Blank lines are not kept; the line after one is marked `blank_before`.
    """
    lines: list[Line] = []
    blank = False
    for number, text in enumerate(_NEWLINES.split(raw.translate(_TRANSLATION)), start=1):
        stripped = text.strip()
        if not stripped:
            blank = True
            continue
        indented = text[0] == " "
        if "  " in stripped:
            stripped = _SPACE_RUN.sub(" ", stripped)
        lines.append(Line(stripped, number, indented=indented, blank_before=blank))
        blank = False
    return lines


def ends_open(text: str) -> bool:
    """True when the line stops mid-sentence: its last character ends no sentence."""
    end = len(text)
    while end and text[end - 1] in _CLOSERS:
        end -= 1
    if end < len(text) and end and text[end - 1] in SENTENCE_END:
        return False
    if end < len(text):  # a closing bracket or quote after a phrase: （此件公开发布）
        return False
    return bool(text) and text[-1] not in SENTENCE_END


def join(first: Line, second: Line) -> Line:
    """One line made of two, with a space only between two ASCII words."""
    sep = " " if first.text[-1:].isascii() and first.text[-1:].isalnum() and second.text[:1].isascii() and second.text[:1].isalnum() else ""
    shift = len(first.text) + len(sep)
    pieces = first.pieces + [(offset + shift, number) for offset, number in second.pieces]
    return Line(first.text + sep + second.text, first.number, first.indented, first.blank_before, pieces)


def wrap_width(lines: list[Line]) -> int | None:
    """The fixed width a hard-wrapped text was broken at, or None when it was not.

    In a wrapped text most lines are full: their lengths crowd just under the widest.
    """
    lengths = sorted(len(line.text) for line in lines if len(line.text) >= 8)
    if len(lengths) < 6:
        return None
    width = lengths[int(len(lengths) * 0.8)]
    full = [n for n in lengths if width * 0.85 <= n <= width + 3]
    if width < 12 or len(full) < max(4, 0.45 * len(lengths)):
        return None
    return max(full)


def join_hard_wraps(lines: list[Line], ctx: Context, starts_paragraph: Callable[[str], bool] | None = None) -> list[Line]:
    """Re-join lines broken mid-sentence where the next line opens no new paragraph.

    `starts_paragraph(text)` says whether a line opens with a numbering marker (from detect);
    such a line is a new paragraph unless the previous one ends on a comma.
    """
    if not lines:
        return lines
    width = wrap_width(lines)
    indented = sum(line.indented for line in lines)
    # indentation means something only when some lines have it and some do not
    indent_marks_paragraphs = max(2, 0.05 * len(lines)) <= indented < len(lines)
    out = [lines[0]]
    joined = 0
    for line in lines[1:]:
        previous = out[-1]
        if _continues(previous, line, width, indent_marks_paragraphs, starts_paragraph):
            out[-1] = join(previous, line)
            joined += 1
        else:
            out.append(line)
    if joined:
        ctx.notes["joined_lines"] = joined
    return out


def _restarts(previous: Line, line: Line) -> bool:
    last_piece = previous.text[previous.pieces[-1][0]:]
    return len(last_piece) >= 20 and line.text.startswith(last_piece[:20])


def _continues(previous: Line, line: Line, width: int | None, indent_marks: bool, starts_paragraph) -> bool:
    if line.blank_before or line.text.startswith("【提纲】"):
        return False
    if _restarts(previous, line):
        return False  # a paragraph cut short, then given again in full: a copy, not a wrap
    if line.text[0] in _CONTINUATION_START:
        return True
    if indent_marks and line.indented:
        return False
    last_piece = previous.text[previous.pieces[-1][0]:]
    if width is not None and indent_marks and len(last_piece) >= 0.6 * width:
        # paragraphs open indented: an unindented line after a long one runs on, even when
        # it starts with something that looks like a marker (二是… inside a sentence)
        return True
    if starts_paragraph is not None and starts_paragraph(line.text) and previous.text[-1] not in "，,、":
        return False
    if width is not None:
        return len(last_piece) >= 0.85 * width and ends_open(previous.text)
    if not ends_open(previous.text):
        return False
    if previous.text[-1] in "，,、":
        return True
    if indent_marks and not line.indented and not previous.indented:
        return False  # both unindented in an indented text: titles, headings
    # a scraped text: join only when the broken line is clearly running prose
    if _TERMINATOR_INSIDE.search(previous.text):
        return True
    starts_marked = starts_paragraph is not None and starts_paragraph(previous.text)
    return not starts_marked and len(previous.text) >= 40 and bool(_COMMA.search(previous.text))


def build(lines: list[Line], ctx: Context) -> Normalized:
    paragraphs = []
    offset = 0
    for line in lines:
        paragraphs.append(Paragraph(line.text, offset, line.number, line.pieces, fold(line.text)))
        offset += len(line.text) + 1
    text = "\n".join(line.text for line in lines)
    cut_lines = {d.line for d in ctx.dropped if d.reason == "cut marker"}
    diagnostics = [*ctx.diagnostics, *_drop_diagnostics(ctx.dropped), *_cut_diagnostics(ctx.cuts, cut_lines)]
    diagnostics.sort(key=lambda d: d.line or 0)
    return Normalized(text, paragraphs, fold(text), ctx.dropped, diagnostics, ctx.notes, ctx.cuts, ctx.published_outline)


def normalize(raw: str, passes: list[Pass] | None = None, cruft: tuple[Cruft, ...] = ()) -> Normalized:
    """Run the passes over the text; the default list is `default_passes(cruft)`."""
    ctx = Context()
    lines = split_lines(raw)
    for step in passes if passes is not None else default_passes(cruft):
        lines = step(lines, ctx)
    return build(lines, ctx)


def default_passes(cruft: tuple[Cruft, ...] = ()) -> list[Pass]:
    """The passes in order: Markdown markup, the published 【提纲】, site cruft and cuts,
    letter-spacing, hard wraps, duplicates. `cruft` adds user patterns to the boilerplate table."""

    def drop_site_cruft(lines: list[Line], ctx: Context) -> list[Line]:
        return drop_cruft(lines, ctx, CRUFT + cruft)

    def hard_wraps(lines: list[Line], ctx: Context) -> list[Line]:
        return join_hard_wraps(lines, ctx, opens_with_marker)

    def duplicates(lines: list[Line], ctx: Context) -> list[Line]:
        return drop_duplicates(lines, ctx, opens_with_marker)

    return [strip_markup, take_published_outline, drop_site_cruft, close_letter_spacing, hard_wraps, duplicates]


# --- cleaning passes -------------------------------------------------------------------------

_EDGE = 20  # lines at each end where bylines and captions stand
_PUBLISHED = re.compile(r"^【提纲】")


#: Markdown a page copied as Markdown puts around the text: `## 一、…`, `- `, `> `, `**一是**`.
_MARKUP_PREFIX = re.compile(r"^(?![-–]\s?(?:\d{1,3}|END)\s?[-–]$)(?:#{1,6}\s+|[-*+]\s+|>\s?)+")  # not - 2 - or - END -
_MARKUP_EMPHASIS = re.compile(r"\*\*|__")


def strip_markup(lines: list[Line], ctx: Context) -> list[Line]:
    """`## 一、加强领导`, `**（一）压实责任**`, `- 1. 明确分工` → the text as printed on paper.
    Formatting, not content: nothing is reported dropped; the count goes to `notes`."""
    stripped = 0
    for line in lines:
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
    for index, line in enumerate(lines):
        folded = fold(line.text)
        cut = _cut_in(folded)
        if cut is not None:
            reason, omitted = cut
            ctx.cuts.append(Cut(line.number, reason, omitted, line.text))
            if _only_marker_left(folded):
                reasons[index] = "cut marker"
            continue
        at_edge = index < _EDGE or index >= count - _EDGE
        for row in table:
            if (at_edge or not row.edges_only) and row.pattern.match(folded):
                reasons[index] = row.reason
                breaking[index] = row.breaks
                if row.value is not None and line.text[-1:] in "：:":
                    labels[index] = row
                break
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


def _cut_in(text: str) -> tuple[str, int | None] | None:
    for reason, pattern in CUTS:
        match = pattern.search(text)
        if match:
            omitted = match.groupdict().get("n")
            return reason, int(omitted) if omitted else None
    return None


_FILLER = re.compile(r"[…\.。，,：:;；!！?？()（）【】\[\]\s\-—·]|www\.[\w.\-/]+|https?://\S+|[\w\u4e00-\u9fff]{0,8}文库")


def _only_marker_left(text: str) -> bool:
    """Whether a line holding a cut marker has nothing else of substance (then it is dropped)."""
    rest = text
    for _, pattern in CUTS:
        rest = pattern.sub("", rest)
    rest = _FILLER.sub("", rest)
    rest = re.sub(r"不往下看了|继续阅读|全文|当前显示\d+字|字", "", rest)
    return len(rest) <= 12


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
            if len(line.text) > 20 or re.search(r"[。！？；]", line.text):
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


_SPACED_TOKEN = re.compile(r"[\u4e00-\u9fff]|[0-9０-９]{1,4}|[《》“”（）()〔〕、·]")


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


_SENTENCE_MARK = re.compile(r"[。！？!?；;，,]")


def drop_duplicates(lines: list[Line], ctx: Context, starts_paragraph: Callable[[str], bool] | None = None) -> list[Line]:
    """A repeated paragraph is dropped once: an exact repeat anywhere, a cut-short copy right
    after its original, or a copy of opening text at the very end. A title repeated after
    site boilerplate is dropped as cruft."""
    kept: list[Line] = []
    seen: set[str] = set()
    head = [line.text for line in lines[:3]]
    for index, line in enumerate(lines):
        text = line.text
        stripped = TRAILING_CUT.sub("", text)
        prose = len(stripped) >= 20 and bool(_SENTENCE_MARK.search(stripped))
        if prose and text in seen:
            ctx.drop(line, f"duplicate paragraph (repeats an earlier one)")
        elif prose and kept and stripped != kept[-1].text and kept[-1].text.startswith(stripped):
            ctx.drop(line, f"duplicate paragraph (a cut copy of line {kept[-1].number})")
        elif prose and kept and _cut_before(kept[-1].text, text):
            ctx.drop(kept[-1], f"duplicate paragraph (cut short; given in full at line {line.number})")
            kept[-1] = line
            seen.add(text)
            continue
        elif prose and index >= len(lines) - 3 and index > 10 and _inside("".join(k.text for k in kept), stripped):
            ctx.drop(line, "duplicate paragraph (repeats opening text)")
        elif not prose and index >= 1 and text in head[: min(index, 3)] and _is_title_echo(
            text, line, kept, ctx, starts_paragraph
        ):
            ctx.drop(line, "repeated title")
        else:
            if prose:
                seen.add(text)
            kept.append(line)
            continue
        if index + 1 < len(lines):
            lines[index + 1].blank_before = True
    return kept


def _cut_before(previous: str, text: str) -> bool:
    """`previous` is `text` cut short (the site showed a preview, then the paragraph)."""
    cut = TRAILING_CUT.sub("", previous)
    return len(cut) >= 20 and len(cut) < len(text) and text.startswith(cut)


def _is_title_echo(
    text: str, line: Line, kept: list[Line], ctx: Context, starts_paragraph: Callable[[str], bool] | None
) -> bool:
    """A copy of a title line is site furniture only where furniture stands: above the body
    (no sentence kept yet) or right after dropped boilerplate. The issuer's name under a 公文,
    which repeats the first title line, is the signature and stays."""
    if not 8 <= len(text) <= 60 or re.search(r"[。！？!?；;，,：:]", text):
        return False
    if starts_paragraph and starts_paragraph(text):
        return False
    above_body = not any(_SENTENCE_MARK.search(k.text) and len(k.text) >= 20 for k in kept)
    after_cruft = any(d.line == line.number - 1 for d in ctx.dropped)
    return above_body or after_cruft


def _inside(flat: str, text: str) -> bool:
    return len(text) >= 20 and text in flat


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
