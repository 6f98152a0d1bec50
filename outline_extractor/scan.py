"""Applying a table of patterns at once, to the whole text, instead of row by row and line by line.

The tables (boilerplate rows, cut markers, declared counts, agenda phrases, numbering styles)
stay lists of regexes, each written for one line or paragraph. This module derives from
them, when first used:

- `Table.match(text)`: the first row that matches at the start of `text` — one combined
  pattern (a named group a row) instead of a Python loop over the rows;
- `Table.lines_hit(text, starts)`: which lines of a "\\n"-joined text any row could find
  something in — one pass of the combined pattern over the whole text, its hits mapped to lines
  with `bisect`. The answer is a superset (a hit spanning two lines marks both), so code that
  then runs the rows on those lines only gives exactly what running them on every line gave.

Python's engine skips ahead fast only when it knows what a match starts with; a row that begins
with an optional item (`[（(]?…`, `\\s?…`) leaves it trying every alternative at every
position. The combined pattern therefore opens with a look-ahead on the characters a match can
start with, computed from the rows' parsed form (`first_chars`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cached_property

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_CATEGORY = {
    _c.CATEGORY_DIGIT: r"\d",
    _c.CATEGORY_NOT_DIGIT: r"\D",
    _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_NOT_SPACE: r"\S",
    _c.CATEGORY_WORD: r"\w",
    _c.CATEGORY_NOT_WORD: r"\W",
}
#: categories that include "\n"
_NEWLINE_CATEGORIES = {_c.CATEGORY_NOT_DIGIT, _c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD, _c.CATEGORY_LINEBREAK}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_NAMED_GROUP = re.compile(r"(?<!\\)\(\?P<\w+>")


def _char(code: int) -> str:
    return re.escape(chr(code))


def _class_items(items) -> set[str] | None:
    """A character class (parsed) as class syntax; None for a negated class."""
    found = set()
    for op, av in items:
        if op is _c.NEGATE:
            return None
        if op is _c.LITERAL:
            found.add(_char(av))
        elif op is _c.RANGE:
            found.add(f"{_char(av[0])}-{_char(av[1])}")
        elif op is _c.CATEGORY and av in _CATEGORY:
            found.add(_CATEGORY[av])
        else:
            return None
    return found


def _first(sequence) -> tuple[set[str], bool] | None:
    """(characters a match of `sequence` can start with, whether it can match empty), or None
    when that cannot be said (a `.`, a negated class, a back-reference)."""
    found: set[str] = set()
    for op, av in sequence:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: the first consumed character comes later
        if op is _c.LITERAL:
            return found | {_char(av)}, False
        if op is _c.IN:
            items = _class_items(av)
            return (found | items, False) if items is not None else None
        if op is _c.SUBPATTERN or op is getattr(_c, "ATOMIC_GROUP", None):
            inner = _first(av[-1] if op is _c.SUBPATTERN else av)
            if inner is None:
                return None
            found |= inner[0]
            if not inner[1]:
                return found, False
            continue
        if op is _c.BRANCH:
            nullable = False
            for alternative in av[1]:
                inner = _first(alternative)
                if inner is None:
                    return None
                found |= inner[0]
                nullable = nullable or inner[1]
            if not nullable:
                return found, False
            continue
        if op in _REPEATS:
            low, _, body = av
            inner = _first(body)
            if inner is None:
                return None
            found |= inner[0]
            if low > 0 and not inner[1]:
                return found, False
            continue
        return None
    return found, True


def _first_set(pattern: str) -> set[str] | None:
    result = _first(_sre_parse.parse(pattern))
    if result is None or result[1] or not result[0]:
        return None
    return result[0]


def _literal_start(pattern: str) -> bool:
    parsed = _sre_parse.parse(pattern)
    return bool(parsed.data) and parsed.data[0][0] is _c.LITERAL


def first_chars(pattern: str) -> str | None:
    """A character class (`[…]`) every match of `pattern` starts with; None when unknown or
    when the pattern can match the empty string."""
    found = _first_set(pattern)
    return "[" + "".join(sorted(found)) + "]" if found else None


def _required(sequence) -> set[str] | None:
    """Strings one of which every match of `sequence` contains (the best such set found: the
    longest shortest string, then the fewest strings), or None."""
    options: list[set[str]] = []
    run: set[str] = {""}  # the literal text being read, a few spellings ([程题] after 议)
    for op, av in list(sequence) + [(None, None)]:
        small_class = op is _c.IN and all(item_op is _c.LITERAL for item_op, _ in av)
        if op is _c.LITERAL or (small_class and len(av) * len(run) <= 16):
            chars = [chr(av)] if op is _c.LITERAL else [chr(item_av) for _, item_av in av]
            run = {text + char for text in run for char in chars}
            continue
        if run != {""}:
            options.append(run)
            run = {""}
        if small_class and len(av) <= 12:
            options.append({chr(item_av) for _, item_av in av})
        elif op is _c.SUBPATTERN or op is getattr(_c, "ATOMIC_GROUP", None):
            inner = _required(av[-1] if op is _c.SUBPATTERN else av)
            if inner:
                options.append(inner)
        elif op is _c.BRANCH:
            alternatives = [_required(alternative) for alternative in av[1]]
            if all(alternatives):
                options.append(set().union(*alternatives))
        elif op in _REPEATS and av[0] >= 1:
            inner = _required(av[2])
            if inner:
                options.append(inner)
    if not options:
        return None
    return max(options, key=lambda found: (min(map(len, found)), -len(found)))


def _may_match_newline(sequence, dotall: bool) -> bool:
    for op, av in sequence:
        if op is _c.LITERAL and av == 10:
            return True
        if op is _c.NOT_LITERAL and av != 10:
            return True
        if op is _c.ANY and dotall:
            return True
        if op is _c.IN:
            negated = any(item_op is _c.NEGATE for item_op, _ in av)
            has_newline = any(
                (item_op is _c.LITERAL and item_av == 10)
                or (item_op is _c.RANGE and item_av[0] <= 10 <= item_av[1])
                or (item_op is _c.CATEGORY and item_av in _NEWLINE_CATEGORIES)
                for item_op, item_av in av
            )
            if negated != has_newline:
                return True
        for inner in _children(op, av):
            if _may_match_newline(inner, dotall):
                return True
    return False


def _children(op, av) -> list:
    if op is _c.SUBPATTERN:
        return [av[-1]]
    if op is _c.BRANCH:
        return list(av[1])
    if op in _REPEATS:
        return [av[2]]
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [av[1]]
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return [av]
    return []


def _line_safe(sequence, dotall: bool) -> bool:
    """Whether the pattern behaves on a line of a "\\n"-joined text (with MULTILINE) as it does
    on that line alone: no \\A or \\Z, and no look-around that could see the "\\n"."""
    for op, av in sequence:
        if op is _c.AT and av in (_c.AT_BEGINNING_STRING, _c.AT_END_STRING):
            return False
        if op in (_c.ASSERT, _c.ASSERT_NOT) and _may_match_newline(av[1], dotall):
            return False
        for inner in _children(op, av):
            if not _line_safe(inner, dotall):
                return False
    return True


def combinable(pattern: re.Pattern[str] | str) -> bool:
    """Whether a pattern can sit in a combined one: no flags, no back-references (group numbers
    change there)."""
    compiled = re.compile(pattern) if isinstance(pattern, str) else pattern
    return compiled.flags == re.UNICODE and _no_back_references(_sre_parse.parse(compiled.pattern))


def _no_back_references(sequence) -> bool:
    for op, av in sequence:
        if op is _c.GROUPREF or op is getattr(_c, "GROUPREF_EXISTS", None):
            return False
        if not all(_no_back_references(inner) for inner in _children(op, av)):
            return False
    return True


def _plain_groups(pattern: str) -> str:
    """The pattern with its named groups made non-capturing, to sit inside a combined one."""
    return _NAMED_GROUP.sub("(?:", pattern)


class Table:
    """A list of patterns applied together; row `i` is the named group `_i` of `combined`."""

    def __init__(self, patterns: Sequence[re.Pattern[str] | str]) -> None:
        self.patterns = [p if isinstance(p, str) else p.pattern for p in patterns]
        if not all(combinable(p) for p in patterns):
            raise ValueError("a Table combines patterns without flags or back-references only")

    @cached_property
    def combined(self) -> re.Pattern[str]:
        body = "|".join(f"(?P<_{i}>{_plain_groups(p)})" for i, p in enumerate(self.patterns))
        if len(self.patterns) == 1 and _literal_start(self.patterns[0]):
            return re.compile(f"(?:{body})", re.MULTILINE)  # the engine's own literal search is faster
        gate = None
        parts = [_first_set(p) for p in self.patterns]
        if parts and all(parts):
            gate = "[" + "".join(sorted(set().union(*parts))) + "]"
        return re.compile(f"(?={gate})(?:{body})" if gate else f"(?:{body})", re.MULTILINE)

    @cached_property
    def required(self) -> tuple[str, ...] | None:
        """Strings one of which every match of some row contains; None when a row has none."""
        found: set[str] = set()
        for pattern in self.patterns:
            row = _required(_sre_parse.parse(pattern))
            if not row:
                return None
            found |= row
        return tuple(sorted(word for word in found if not any(other != word and other in word for other in found)))

    def may_occur(self, text: str) -> bool:
        """False when no row can match anywhere in `text` (none of `required` is in it): a
        substring search, far cheaper than a scan."""
        return self.required is None or any(word in text for word in self.required)

    @cached_property
    def line_safe(self) -> bool:
        return all(_line_safe(_sre_parse.parse(p), False) for p in self.patterns)

    def match(self, text: str) -> int | None:
        """Index of the first row whose pattern matches at the start of `text`, or None."""
        found = self.combined.match(text)
        return int(found.lastgroup[1:]) if found else None

    def lines_hit(self, text: str, starts: Sequence[int]) -> list[int] | None:
        """Indices of the lines (starting at `starts` in the "\\n"-joined `text`) that some row
        may find something in, in order; None when the rows cannot be run over the whole text
        (then every line must be tried)."""
        if not self.line_safe:
            return None
        if not self.may_occur(text):
            return []
        hit: list[int] = []
        last = -1
        for found in self.combined.finditer(text):
            first = bisect_right(starts, found.start()) - 1
            end = bisect_right(starts, max(found.end() - 1, found.start())) - 1
            for line in range(max(first, last + 1), end + 1):
                hit.append(line)
            last = max(last, end)
        return hit
