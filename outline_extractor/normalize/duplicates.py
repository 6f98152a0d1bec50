"""Duplicates pass: drop repeated paragraphs and echoed titles."""

from __future__ import annotations

from itertools import compress, repeat
from operator import eq, ge, ne
from typing import Callable

from .. import lazyre
from ..boilerplate import without_trailing_cut
from .lines import Context, Line, lines_equal_to

_SENTENCE_MARK = lazyre.compile(r"[。！？!?；;，,]")


def drop_duplicates(lines: list[Line], ctx: Context, starts_paragraph: Callable[[str], bool] | None = None) -> list[Line]:
    """A repeated paragraph is dropped once: an exact repeat anywhere, a cut-short copy right
    after its original, or a copy of opening text at the very end. A title repeated after
    site boilerplate is dropped as cruft.

    Only the lines that may be one are looked at (`_suspects`); the others are kept as they
    come, many at a time."""
    kept: list[Line] = []
    seen: set[str] = set()  # the texts kept so far (a repeat is dropped only when prose)
    texts = [line.text for line in lines]
    head = texts[:3]
    # what a title echo asks of all that came before, kept up to date instead of searched
    furniture = _Furniture({d.line for d in ctx.dropped}, kept)

    def drop(line: Line, reason: str) -> None:
        ctx.drop(line, reason)
        furniture.dropped_lines.add(line.number)

    after = 0  # the first line not yet kept or dropped
    for start in _suspects(texts):
        index = start
        while index < len(lines) and index >= after:
            if index > after:
                kept.extend(lines[after:index])
                seen.update(texts[after:index])
            after = index + 1
            line = lines[index]
            text = line.text
            stripped = without_trailing_cut(text)
            prose = len(stripped) >= _PROSE_LENGTH and bool(_SENTENCE_MARK.search(stripped))
            if prose and text in seen and (kept[-1].text == text or _copied(text)):
                drop(line, "duplicate paragraph (repeats an earlier one)")
            elif prose and kept and stripped != kept[-1].text and kept[-1].text.startswith(stripped):
                drop(line, f"duplicate paragraph (a cut copy of line {kept[-1].number})")
            elif prose and kept and _cut_before(kept[-1].text, text):
                drop(kept[-1], f"duplicate paragraph (cut short; given in full at line {line.number})")
                furniture.replaced()
                kept[-1] = line
                seen.add(text)
                break
            elif prose and index >= len(lines) - 3 and index > 10 and _repeats_opening(kept[:_OPENING], stripped):
                drop(line, "duplicate paragraph (repeats opening text)")
            elif not prose and index >= 1 and text in head[: min(index, 3)] and _is_title_echo(
                text, line, furniture, starts_paragraph
            ):
                drop(line, "repeated title")
            else:
                kept.append(line)
                seen.add(text)
                break
            if index + 1 < len(lines):
                lines[index + 1].blank_before = True
            index += 1  # after a line dropped, the next one is read against another previous line
    kept.extend(lines[after:])
    return kept


def _suspects(texts: list[str]) -> list[int]:
    """The lines a rule may drop, in order: a text given before (a repeated title too); a
    line whose first 20 characters are those of the line before (a cut copy and its original
    share them); the last three lines. Found by C-level passes over all lines. Of the first
    two kinds only the lines a rule can read are kept: prose (`_PROSE_LENGTH` characters or
    more, before a trailing cut is taken off), or a copy of one of the first three lines as
    long as a title echo can be; the loop would keep any other line at once."""
    count = len(texts)
    found = set(range(max(count - 3, 0), count))
    first = dict(zip(reversed(texts), range(count - 1, -1, -1)))  # each text's first line
    if len(first) < count:
        repeats = list(compress(range(count), map(ne, map(first.__getitem__, texts), range(count))))
        found.update(compress(repeats, map(ge, map(len, map(texts.__getitem__, repeats)), repeat(_PROSE_LENGTH))))
        for title in set(texts[:3]):
            # the longer ones are found above; one with a clause mark is no title echo
            if _ECHO_MIN <= len(title) < _PROSE_LENGTH and not _CLAUSE_MARK.search(title):
                found.update(lines_equal_to(texts, title)[1:])  # its copies
    heads = [text[:20] for text in texts]
    # lines shorter than 20 characters share their first 20 only when equal (repeats, above)
    same_head = compress(range(1, count), map(eq, heads[1:], heads))
    found.update(index for index in same_head if len(texts[index]) >= _PROSE_LENGTH)
    return sorted(found)


#: What `prose` needs at least (a sentence mark in a line this long, its trailing cut aside).
_PROSE_LENGTH = 20
#: How long a repeated title can be (`_is_title_echo`).
_ECHO_MIN, _ECHO_MAX = 8, 60


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

    def __init__(self, dropped_lines: set[int], kept: list[Line]) -> None:
        self.dropped_lines = dropped_lines
        self._kept = kept
        self._checked = 0  # the lines of `kept` already read
        self._started = False

    @property
    def body_started(self) -> bool:
        """Whether a line kept so far has a sentence (read on demand, each line once)."""
        while not self._started and self._checked < len(self._kept):
            self._started = _holds_sentence(self._kept[self._checked])
            self._checked += 1
        return self._started

    def replaced(self) -> None:
        """The last line kept is about to be replaced by another: a sentence in it still
        counts, and the line put in its place is read in turn."""
        if not self.body_started:  # reads every line kept so far
            self._checked = len(self._kept) - 1


def _holds_sentence(line: Line) -> bool:
    return bool(_SENTENCE_MARK.search(line.text)) and len(line.text) >= 20


def _is_title_echo(
    text: str, line: Line, furniture: _Furniture, starts_paragraph: Callable[[str], bool] | None
) -> bool:
    """A copy of a title line is site furniture only where furniture stands: above the body
    (no sentence kept yet) or right after dropped boilerplate. The issuer's name under a 公文,
    which repeats the first title line, is the signature and stays."""
    if not _ECHO_MIN <= len(text) <= _ECHO_MAX or _CLAUSE_MARK.search(text):
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
