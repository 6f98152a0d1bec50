"""The input as the writer sees it: decoded text, its lines, and where each marker stands.

Findings point at input lines and columns (1-based, in characters), and `--fix` rewrites
markers in the input bytes, so both need the marker's exact place in the input line, not in
the normalised text the parser works on. A heading's marker opens its input line (after
indentation and Markdown markup the normaliser took off), so it is found there, character by
character, looking through the spaces and zero-width characters the normaliser dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Node

_NEWLINE = re.compile(r"\r\n|\r|\n")  # the normaliser numbers lines the same way
_INVISIBLE = set(" \t\u3000\u00a0\u2002\u2003\u2009\u202f\u200b\u200c\u200d\u2060\ufeff\u00ad")
#: What may stand before a marker at the start of a line: indentation and Markdown markup.
_LEADING = _INVISIBLE | set("#*_>+-")
#: What may stand inside a marker in the input but not in the normalised marker.
_INSIDE = _INVISIBLE | set("*_")
#: Punctuation doubled after a marker that needs none: （一）、 ①.
DOUBLED = set("、.．，,")


@dataclass(frozen=True)
class MarkerPlace:
    """A marker in the input: 0-based line index, and column range in characters."""

    line: int
    start: int
    end: int
    text: str  # the marker as the input has it, doubled punctuation included


@dataclass
class InputText:
    text: str
    #: character offset of each line's start in `text`
    line_starts: list[int]
    lines: list[str]

    @classmethod
    def of(cls, text: str) -> InputText:
        starts, lines, position = [], [], 0
        for match in _NEWLINE.finditer(text):
            starts.append(position)
            lines.append(text[position:match.start()])
            position = match.end()
        starts.append(position)
        lines.append(text[position:])
        return cls(text, starts, lines)

    def line(self, number: int) -> str:
        """The 1-based input line `number`, or "" when the input has no such line."""
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""

    def offset(self, place: MarkerPlace) -> tuple[int, int]:
        """Character offsets of a marker in the whole text."""
        base = self.line_starts[place.line]
        return base + place.start, base + place.end

    def find_heading_marker(self, node: Node, doubled_allowed: bool) -> MarkerPlace | None:
        """The marker of a heading at the start of its input line, or None when the line
        does not start with it (the normaliser rewrote more than spacing)."""
        index = node.span.line - 1
        found = marker_at(self.line(node.span.line), node.marker, doubled_allowed)
        return self._place(index, found)

    def find_heading_after(self, node: Node, doubled_allowed: bool, first: int) -> MarkerPlace | None:
        """The first line from index `first` on that opens with the heading's marker and
        title: for inputs whose lines are not the reader's (a .docx's typed paragraphs)."""
        for index in range(first, len(self.lines)):
            line = self.lines[index]
            found = marker_at(line, node.marker, doubled_allowed)
            title = node.title.lstrip("".join(DOUBLED) + " \u3000")  # （一）、加强: the title holds the 、
            if found and line[found[1]:].lstrip(" \u3000").startswith(title[:6]):
                return self._place(index, found)
        return None

    def _place(self, index: int, found: tuple[int, int] | None) -> MarkerPlace | None:
        if found is None:
            return None
        start, end = found
        return MarkerPlace(index, start, end, self.lines[index][start:end])

    def find_in_line(self, number: int, needle: str, occurrence: int = 0) -> int | None:
        """0-based column of the `occurrence`-th `needle` in input line `number`."""
        line = self.line(number)
        column = -1
        for _ in range(occurrence + 1):
            column = line.find(needle, column + 1)
            if column < 0:
                return None
        return column


def marker_at(line: str, marker: str, doubled_allowed: bool) -> tuple[int, int] | None:
    """Column range of `marker` (as the normaliser printed it) at the start of `line`."""
    position = 0
    while position < len(line) and line[position] in _LEADING:
        position += 1
    start = position
    for char in marker:
        if char == " ":
            continue
        while position < len(line) and line[position] in _INSIDE:
            position += 1
        if position >= len(line) or line[position] != char:
            return None
        position += 1
    if doubled_allowed and position < len(line) and line[position] in DOUBLED:
        position += 1
    return start, position
