"""Duplicates pass: drop repeated paragraphs and echoed titles."""

from __future__ import annotations

from typing import Callable

from .. import lazyre
from ..boilerplate import without_trailing_cut
from .lines import Context, Line

_SENTENCE_MARK = lazyre.compile(r"[。！？!?；;，,]")


def drop_duplicates(lines: list[Line], ctx: Context, starts_paragraph: Callable[[str], bool] | None = None) -> list[Line]:
    """A repeated paragraph is dropped once: an exact repeat anywhere, a cut-short copy right
    after its original, or a copy of opening text at the very end. A title repeated after
    site boilerplate is dropped as cruft."""
    kept: list[Line] = []
    seen: set[str] = set()
    head = [line.text for line in lines[:3]]
    # what a title echo asks of all that came before, kept up to date instead of searched
    furniture = _Furniture({d.line for d in ctx.dropped})

    def drop(line: Line, reason: str) -> None:
        ctx.drop(line, reason)
        furniture.dropped_lines.add(line.number)

    for index, line in enumerate(lines):
        text = line.text
        stripped = without_trailing_cut(text)
        prose = len(stripped) >= 20 and bool(_SENTENCE_MARK.search(stripped))
        if prose and text in seen and (kept[-1].text == text or _copied(text)):
            drop(line, "duplicate paragraph (repeats an earlier one)")
        elif prose and kept and stripped != kept[-1].text and kept[-1].text.startswith(stripped):
            drop(line, f"duplicate paragraph (a cut copy of line {kept[-1].number})")
        elif prose and kept and _cut_before(kept[-1].text, text):
            drop(kept[-1], f"duplicate paragraph (cut short; given in full at line {line.number})")
            kept[-1] = line
            furniture.keep(line)
            seen.add(text)
            continue
        elif prose and index >= len(lines) - 3 and index > 10 and _repeats_opening(kept[:_OPENING], stripped):
            drop(line, "duplicate paragraph (repeats opening text)")
        elif not prose and index >= 1 and text in head[: min(index, 3)] and _is_title_echo(
            text, line, furniture, starts_paragraph
        ):
            drop(line, "repeated title")
        else:
            if prose:
                seen.add(text)
            kept.append(line)
            furniture.keep(line)
            continue
        if index + 1 < len(lines):
            lines[index + 1].blank_before = True
    return kept


#: A paragraph repeated further on is a copy only when it is this long with a sentence of
#: `_COPIED_SENTENCE` characters: a host script repeats its short procedure lines on purpose
#: (同意的请举手。（稍停）请放下。…通过。), and those stay.
_COPIED_LENGTH = 60
_COPIED_SENTENCE = 20
#: The opening text a site copies to the very end: the first paragraphs kept.
_OPENING = 10
_SENTENCE = lazyre.compile(r"[^。！？!?；;]+")


def _copied(text: str) -> bool:
    return len(text) >= _COPIED_LENGTH and any(len(s) >= _COPIED_SENTENCE for s in _SENTENCE.findall(text))


def _cut_before(previous: str, text: str) -> bool:
    """`previous` is `text` cut short (the site showed a preview, then the paragraph)."""
    cut = without_trailing_cut(previous)
    return len(cut) >= 20 and len(cut) < len(text) and text.startswith(cut)


class _Furniture:
    """Whether a sentence has been kept yet, and which input lines were dropped."""

    def __init__(self, dropped_lines: set[int]) -> None:
        self.dropped_lines = dropped_lines
        self.body_started = False

    def keep(self, line: Line) -> None:
        if not self.body_started and _SENTENCE_MARK.search(line.text) and len(line.text) >= 20:
            self.body_started = True


def _is_title_echo(
    text: str, line: Line, furniture: _Furniture, starts_paragraph: Callable[[str], bool] | None
) -> bool:
    """A copy of a title line is site furniture only where furniture stands: above the body
    (no sentence kept yet) or right after dropped boilerplate. The issuer's name under a 公文,
    which repeats the first title line, is the signature and stays."""
    if not 8 <= len(text) <= 60 or _CLAUSE_MARK.search(text):
        return False
    if starts_paragraph and starts_paragraph(text):
        return False
    return not furniture.body_started or line.number - 1 in furniture.dropped_lines


_CLAUSE_MARK = lazyre.compile(r"[。！？!?；;，,：:]")


def _repeats_opening(opening: list[Line], text: str) -> bool:
    """A site's copy of the opening at the very end: it runs over two opening paragraphs
    (各位代表：现在，我代表…), or is long enough to be a copied paragraph. One short paragraph
    said again (a host's 同意的请举手。…通过。) is no copy."""
    if not _inside("".join(k.text for k in opening), text):
        return False
    return _copied(text) or all(k.text != text for k in opening)


def _inside(flat: str, text: str) -> bool:
    return len(text) >= 20 and text in flat
