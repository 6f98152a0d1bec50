"""A text flattened into one line, its paragraph breaks left as runs of 3+ spaces.

Some sites and converters lose the line breaks and keep only the indentation: `…主持词   同志们：
   现在开会。   一、…`. Such a line is cut back into paragraphs at the runs that stand where a
paragraph ended (after a sentence end, before a numbering marker, or after a short line such as
a title or a heading). A run inside a sentence is a fill-in blank (`请假    名`) and stays.
"""

from __future__ import annotations

import re

from .. import lazyre

from ..styles import opens_with_marker

#: Cheap gates: only a long line with a few such runs can be a flattened text.
MIN_LENGTH = 150
MIN_SENTENCE_BREAKS = 2

_RUN = lazyre.compile(r" {3,}")
_ENDS_SENTENCE = set("。！？!?；;：:")
_CLOSERS = set("”’\"）)】」』》")
#: A short line before a run (title, heading, date line) ended its paragraph.
_SHORT_LINE = 40
#: A blank to fill in: the run stands before a measure word (应到    名，  年  月  日).
_FILL_IN = lazyre.compile(r"[名人个位元日月年号时分岁次件项条份天届][，,。；;、 ）)]|[名人个位元日月年号时分岁次件项条份天届]$")


def unflatten(text: str) -> list[str]:
    """The paragraphs of `text` when it is a flattened text, else `[text]`."""
    if len(text) < MIN_LENGTH or "   " not in text:
        return [text]
    runs = list(_RUN.finditer(text))
    if sum(_after_sentence(text, run.start()) for run in runs) < MIN_SENTENCE_BREAKS:
        return [text]
    pieces, start = [], 0
    for run in runs:
        if _breaks(text, start, run):
            pieces.append(text[start:run.start()])
            start = run.end()
    pieces.append(text[start:])
    return [piece for piece in pieces if piece.strip()]


def _after_sentence(text: str, at: int) -> bool:
    end = at
    while end and text[end - 1] in _CLOSERS:
        end -= 1
    return bool(end) and text[end - 1] in _ENDS_SENTENCE


def _breaks(text: str, start: int, run: re.Match[str]) -> bool:
    if run.start() == 0 or run.end() == len(text):
        return False
    after = text[run.end():run.end() + 20]
    if _after_sentence(text, run.start()) or opens_with_marker(after):
        return True
    return run.start() - start <= _SHORT_LINE and not _FILL_IN.match(after)
