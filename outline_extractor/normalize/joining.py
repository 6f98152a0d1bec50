"""Joining pass: re-join lines a hard-wrapped or scraped text broke mid-sentence."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Callable

from .. import lazyre
from .lines import Context, Line

#: A paragraph's sentence is finished when its line ends with one of these (closing quotes and
#: brackets are looked through).
SENTENCE_END = set("。！？!?；;：:…")
_CLOSERS = set("”’\"'）)】」』》〕］]")
#: A line ending with one of these ends no sentence open (`ends_open` is False): its last
#: character ends a sentence, or closes a bracket or quote.
_CLOSED_END = SENTENCE_END | _CLOSERS
#: A line that starts with one of these continues the previous line.
_CONTINUATION_START = set("，,。、；;：:！？!?）)」』》”’〕")
_TERMINATOR_INSIDE = lazyre.compile(r"[。！？!?；;]")
_COMMA = lazyre.compile(r"[，,、]")


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
    lengths = sorted(filter((7).__lt__, [len(line.text) for line in lines]))  # the lines of 8 or more
    if len(lengths) < 6:
        return None
    width = lengths[int(len(lengths) * 0.8)]
    # the full lines, width * 0.85 <= n <= width + 3: a slice of the sorted lengths
    low, high = bisect_left(lengths, width * 0.85), bisect_right(lengths, width + 3)
    if width < 12 or high - low < max(4, 0.45 * len(lengths)):
        return None
    return lengths[high - 1]


def join_hard_wraps(lines: list[Line], ctx: Context, starts_paragraph: Callable[[str], bool] | None = None) -> list[Line]:
    """Re-join lines broken mid-sentence where the next line opens no new paragraph.

    `starts_paragraph(text)` says whether a line opens with a numbering marker (from detect);
    such a line is a new paragraph unless the previous one ends on a comma. It must read no
    further than the first `HEAD` characters (styles.opens_with_marker reads fewer).

    Each decision reads only what it needs of the paragraph joined so far (its head, whether
    it holds a full stop or a comma; its end is its last line's), and each paragraph is built
    once: the cost is linear however many lines join (`"第一，\n" * n` was quadratic). A
    paragraph of one line, most of them, is never wrapped in a `_Joining`.
    """
    if not lines:
        return lines
    if starts_paragraph is not None:
        starts_paragraph = _answered_once(starts_paragraph)
    width = wrap_width(lines)
    indented = [line.indented for line in lines].count(True)
    # indentation means something only when some lines have it and some do not
    indent_marks_paragraphs = max(2, 0.05 * len(lines)) <= indented < len(lines)
    # asked only where a title may run on (a scraped text): a text of marker lines ending in 。
    # would otherwise ask `starts_paragraph` of every line (dense 1. lines: ~5 µs a line)
    subheads = _Once(lambda: _has_run_in_subheads(lines, starts_paragraph))
    out: list[Line] = []
    current: Line | _Joining = lines[0]  # a paragraph of one line stays a Line
    last = lines[0]
    joined = 0
    wide_runs_on = width is not None and indent_marks_paragraphs
    for line in lines[1:]:
        if line.blank_before or (
            # the line before ends a sentence, and nothing that joins whatever it ends with holds
            last.text[-1:] in _CLOSED_END and line.text[:1] not in _CONTINUATION_START
            and not (wide_runs_on and len(last.text) - last.pieces[-1][0] >= 0.6 * width)
        ):
            joins = False
        else:
            joins = _continues(current, last, line, width, indent_marks_paragraphs, starts_paragraph, subheads)
        if joins:
            if type(current) is not _Joining:
                current = _Joining(current)
            current.add(line)
            joined += 1
        else:
            out.append(current.line() if type(current) is _Joining else current)
            current = line
        last = line
    out.append(current.line() if type(current) is _Joining else current)
    if joined:
        ctx.notes["joined_lines"] = joined
    return out


def _answered_once(starts_paragraph: Callable[[str], bool]) -> Callable[[str], bool]:
    """`starts_paragraph`, asked once a text (the decisions and the run-in subheads ask it of
    the same lines; functools.cache costs more to set up than a small text saves)."""
    answers: dict[str, bool] = {}

    def answer(text: str) -> bool:
        found = answers.get(text)
        if found is None:
            found = answers[text] = starts_paragraph(text)
        return found

    return answer


class _Once:
    """A yes-or-no question asked when its answer is first needed (`bool(...)`), then kept."""

    def __init__(self, ask: Callable[[], bool]) -> None:
        self._ask = ask
        self._answer: bool | None = None

    def __bool__(self) -> bool:
        if self._answer is None:
            self._answer = bool(self._ask())
        return self._answer


#: Characters of a paragraph's start that `starts_paragraph` may read.
HEAD = 200
#: The characters between which a join puts a space (str.isascii and str.isalnum).
_ASCII_WORD = frozenset(chr(code) for code in range(128) if chr(code).isalnum())


class _Joining:
    """A paragraph being joined from lines: its parts, and what the decisions read of it, each
    worked out only when asked and never twice. (What they read of its end, its last piece
    and last characters, is the last line's own: `_continues` reads that line.)"""

    _checked = 0  # parts already searched for a full stop and a comma
    _terminator = _comma = False

    def __init__(self, line: Line) -> None:
        self.first = line
        self.parts = [line.text]
        self.pieces = line.pieces
        self.length = len(line.text)

    def add(self, line: Line) -> None:
        """`join`: a space only between two ASCII words."""
        text = line.text
        if self.parts[-1][-1:] in _ASCII_WORD and text[:1] in _ASCII_WORD:
            text = " " + text
        shift = self.length + len(text) - len(line.text)
        if len(self.parts) == 1:
            self.pieces = list(self.pieces)
        if len(line.pieces) == 1:
            self.pieces.append((line.pieces[0][0] + shift, line.pieces[0][1]))
        else:
            self.pieces.extend((offset + shift, number) for offset, number in line.pieces)
        self.parts.append(text)
        self.length += len(text)

    @property
    def head(self) -> str:
        """The first HEAD characters."""
        head, index = self.parts[0], 1
        while len(head) < HEAD and index < len(self.parts):
            head += self.parts[index]
            index += 1
        return head[:HEAD]

    def _search(self) -> None:
        for part in self.parts[self._checked:]:
            self._terminator = self._terminator or bool(_TERMINATOR_INSIDE.search(part))
            self._comma = self._comma or bool(_COMMA.search(part))
        self._checked = len(self.parts)

    @property
    def has_terminator(self) -> bool:
        self._search()
        return self._terminator

    @property
    def has_comma(self) -> bool:
        self._search()
        return self._comma

    def line(self) -> Line:
        if len(self.parts) == 1:
            return self.first
        first = self.first
        return Line("".join(self.parts), first.number, first.indented, first.blank_before, self.pieces)


def _continues(
    current: Line | _Joining, last: Line, line: Line, width: int | None, indent_marks: bool, starts_paragraph,
    subheads: bool | _Once = False,
) -> bool:
    """Whether `line` runs on the paragraph so far (`current`, whose last line is `last`).
    Its end (last piece, last characters) is the last line's own: `ends_open` reads the
    closers at the end and the character before them, and a line is never empty."""
    text = line.text
    if text.startswith("【提纲】"):
        return False
    last_piece = last.text[last.pieces[-1][0]:]
    if len(last_piece) >= 20 and text.startswith(last_piece[:20]):
        return False  # a paragraph cut short, then given again in full: a copy, not a wrap
    if text[0] in _CONTINUATION_START:
        return True
    if indent_marks and line.indented:
        return False
    if width is not None and indent_marks and len(last_piece) >= 0.6 * width:
        # paragraphs open indented: an unindented line after a long one runs on, even when
        # it starts with something that looks like a marker (二是… inside a sentence)
        return True
    # a marker line opens a paragraph unless the line before ends on a comma; asked last, as
    # it costs most (most lines end a sentence, and then nothing else matters)
    after_comma = last.text[-1] in "，,、"
    if width is not None:
        if not (len(last_piece) >= 0.85 * width and ends_open(last.text)):
            return False
        return after_comma or not (starts_paragraph is not None and starts_paragraph(text))
    if not ends_open(last.text):
        return False
    if after_comma:
        return True
    if starts_paragraph is not None and starts_paragraph(text):
        return False
    previous = current if type(current) is _Joining else _Joining(current)
    if indent_marks and not line.indented and not previous.first.indented:
        return False  # both unindented in an indented text: titles, headings
    # a scraped text: join only when the broken line is clearly running prose
    if previous.has_terminator:
        return True
    if _title_may_run_on(previous, line, subheads) and starts_paragraph is not None and starts_paragraph(previous.head):
        return True
    if previous.length < 40 or not previous.has_comma:
        return False
    return not (starts_paragraph is not None and starts_paragraph(previous.head))


#: A heading line at least this long that stops mid-phrase, then a line at most this long:
#: the title was printed over two lines.
_WRAPPED_TITLE_MIN = 22
_TITLE_REST_MAX = 24


def _short_sentence(text: str) -> bool:
    return len(text) <= _TITLE_REST_MAX and text.endswith("。") and not _TERMINATOR_INSIDE.search(text[:-1])


def _has_run_in_subheads(lines: list[Line], starts_paragraph: Callable[[str], bool] | None) -> bool:
    """Whether short one-sentence lines without a marker stand alone after finished paragraphs
    (生态底色更加亮丽。 as a work report's unnumbered subheading): then such a line after a
    heading is one too."""
    found = 0
    # a cheap test of all lines at once first: short, ending in 。
    short = [index for index, line in enumerate(lines) if len(line.text) <= _TITLE_REST_MAX and line.text[-1:] == "。"]
    for index in short:
        if (
            index
            and _short_sentence(lines[index].text)
            and lines[index - 1].text[-1:] in SENTENCE_END
            and not (starts_paragraph is not None and starts_paragraph(lines[index].text))
        ):
            found += 1
            if found >= 2:
                return True
    return False


def _title_may_run_on(previous: _Joining, line: Line, subheads: bool | _Once) -> bool:
    """Whether a line can be the rest of a heading title wrapped before its body starts
    (`二、实施…推动规模以上工业企业` then `数字化改造全覆盖`), if the paragraph so far is one
    marker line: long and left open, then a short rest with no clause inside it (no comma, at
    most a closing 。 — unless the text has run-in subheadings), no bracketed stage direction,
    no label ending in a colon (同志们：)."""
    rest = line.text[:-1] if line.text.endswith("。") else line.text
    return (
        len(previous.parts) == 1
        and previous.length >= _WRAPPED_TITLE_MIN
        and len(line.text) <= _TITLE_REST_MAX
        and line.text[0] not in "（(【[〔"
        and line.text[-1] not in "：:"
        and not _TERMINATOR_INSIDE.search(rest)
        and not _COMMA.search(rest)
        and not (line.text.endswith("。") and subheads)  # asked last: it reads all lines
    )
