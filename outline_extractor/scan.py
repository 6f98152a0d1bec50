"""Applying a table of patterns at once, to the whole text, instead of row by row and line by line.

The tables (boilerplate rows, cut markers, declared counts, agenda phrases, numbering styles)
stay lists of regexes, each written for one line or paragraph. A `Table` derives from them,
when first used:

- `Table.match(text)`: the first row that matches at the start of `text` — once the table has
  met COMBINE_AFTER lines, one combined pattern (a named group a row) instead of a Python loop
  over the rows;
- `Table.lines_hit(text, starts)`: which lines of a "\\n"-joined text some row finds something
  in. Where every row needs one of a few strings (`required`, derived from the parsed rows, or
  a gate the table keeps beside it), one scan finds the lines holding one and each is searched
  alone (exact); otherwise one pass of the combined pattern over the whole text, its hits mapped
  to lines with `bisect` (a superset: a hit spanning two lines marks both);
- `Table.possible_lines(lines)`: which lines a row could match at all, by their first character
  or the strings the other rows need.

Python's engine skips ahead fast only when it knows what a match starts with; a row that begins
with an optional item (`[（(]?…`, `\\s?…`) leaves it trying every alternative at every
position. The combined pattern therefore opens with a look-ahead on the characters a match can
start with, computed from the rows' parsed form (`first_chars`).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cached_property, lru_cache

from . import lazyre, recache

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
_NAMED_GROUP = lazyre.compile(r"(?<!\\)\(\?P<\w+>")


@lru_cache(maxsize=None)
def _parse(pattern: str, flags: int = 0):
    """The parsed form of a pattern (read only; parsed once however many questions are asked)."""
    return _sre_parse.parse(pattern, flags)


#: For the modules that read patterns' parsed form too (one import of the parser's internals)
parse_pattern = _parse
SRE = _c


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


@recache.remember
def _first_set(pattern: str) -> set[str] | None:
    result = _first(_parse(pattern))
    if result is None or result[1] or not result[0]:
        return None
    return result[0]


def _literal_start(pattern: str) -> bool:
    parsed = _parse(pattern)
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
    run: set[str] = {""}  # the literal text being read, a few spellings (议[程题], (?:会议|大会)开始)
    for op, av in list(sequence) + [(None, None)]:
        small_class = op is _c.IN and all(item_op is _c.LITERAL for item_op, _ in av)
        spellings = _spellings([(op, av)]) if op is not None else None
        if spellings is not None and len(spellings) * len(run) <= 16:
            run = {text + spelling for text in run for spelling in spellings}
            continue
        if run != {""} and "" not in run:  # an optional item alone says nothing
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
    return max(options, key=_selectivity)


@recache.remember
def _required_words(pattern: str) -> set[str] | None:
    return _required(_parse(pattern))


def _spellings(sequence, limit: int = 16) -> set[str] | None:
    """Every string `sequence` can match, when it is a few fixed ones: literals, classes of
    literals, groups and alternatives of those, optional items (`(?:会议|大会)(?:现在)?开始`:
    six strings). None otherwise."""
    found = {""}
    for op, av in sequence:
        if op is _c.LITERAL:
            options: set[str] | None = {chr(av)}
        elif op is _c.IN:
            literal = all(item_op is _c.LITERAL for item_op, _ in av)
            options = {chr(item_av) for _, item_av in av} if literal else None
        elif op is _c.SUBPATTERN:
            options = _spellings(av[-1], limit)
        elif op is _c.BRANCH:
            options = set()
            for alternative in av[1]:
                inner = _spellings(alternative, limit)
                if inner is None:
                    return None
                options |= inner
        elif op in _REPEATS and av[0] == 0 and av[1] == 1:
            inner = _spellings(av[2], limit)
            options = inner | {""} if inner is not None else None
        else:
            return None
        if options is None:
            return None
        found = {text + option for text in found for option in options}
        if len(found) > limit:
            return None
    return found


def _selectivity(words: set[str]) -> tuple[int, bool, int]:
    """How few places a set of required strings is likely to hit: longer strings, no lone
    punctuation or ASCII character (a bracket is everywhere), fewer strings."""
    shortest = min(map(len, words))
    common = any(len(word) == 1 and (word.isascii() or unicodedata.category(word).startswith("P")) for word in words)
    return shortest, not common, -len(words)


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


def _top_level_bar(source: str) -> bool:
    """Whether the pattern's source has a `|` outside every group and class (its parsed form
    does not say: the parser unpacks non-capturing groups and factors common prefixes out)."""
    depth, index, in_class = 0, 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if source[index + 1:index + 2] == "^":
                index += 1
            if source[index + 1:index + 2] == "]":
                index += 1  # a ] first in a class is a literal
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        index += 1
    return False


_STRING_EDGES = frozenset({_c.AT_BEGINNING_STRING, _c.AT_END_STRING})
_EDGES = _STRING_EDGES | {_c.AT_BEGINNING, _c.AT_BEGINNING_LINE, _c.AT_END, _c.AT_END_LINE}


def _holds_edge(sequence, edges: frozenset = _STRING_EDGES) -> bool:
    """Whether the parsed pattern holds one of `edges` (default \\A or \\Z: the text's start
    or end, not a line's)."""
    for op, av in sequence:
        if op is _c.AT and av in edges:
            return True
        if any(_holds_edge(inner, edges) for inner in _children(op, av)):
            return True
    return False


def window_safe(pattern: str) -> bool:
    """Whether a pattern searched in a window of a paragraph of a "\\n"-joined text
    (`search(text, low, high)`, with or without MULTILINE) finds what it finds there in the
    paragraph alone: it is line safe (`Table.line_safe`) and holds no ^ or $, which read a
    window's edges unlike a paragraph's."""
    parsed = _parse(pattern)
    return _line_safe(parsed, False) and not _holds_edge(parsed, _EDGES)


def combinable(pattern: re.Pattern[str] | str) -> bool:
    """Whether a pattern can sit in a combined one: no flags, no back-references (group numbers
    change there). Parsed, not compiled."""
    source = pattern if isinstance(pattern, str) else pattern.pattern
    return _combinable(source, 0 if isinstance(pattern, str) else pattern.flags)


@recache.remember
def _combinable(source: str, given: int) -> bool:
    parsed = _parse(source, given & ~re.UNICODE)
    return (given | parsed.state.flags) & ~re.UNICODE == 0 and _no_back_references(parsed)


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


#: Lines a table is applied to before its rows are combined into one pattern. Below that each
#: row is tried in turn, compiled when first reached: compiling a combined pattern costs about
#: what compiling its rows does (~25 ms for the tables one parse reaches, Python's `re`
#: compiles in Python), which only many lines pay back; a one-off parse of a short text (the
#: CLI) should not pay it.
COMBINE_AFTER = 300


class Table:
    """A list of patterns applied together; row `i` is the named group `_i` of `combined`."""

    def __init__(self, patterns: Sequence[re.Pattern[str] | str], gate: re.Pattern[str] | None = None) -> None:
        """`gate`: a pattern that finds something inside every match of every row (the table's
        own rule, kept beside it); lines_hit then scans for it instead of the strings derived
        from the rows."""
        self.rows = [lazyre.compile(p) if isinstance(p, str) else p for p in patterns]
        self.patterns = [p if isinstance(p, str) else p.pattern for p in patterns]
        self.gate = gate
        self._calls = 0

    def _combining(self) -> bool:
        """Whether to use the combined pattern: once it exists, or after COMBINE_AFTER lines."""
        if self._calls >= COMBINE_AFTER or "combined" in self.__dict__:
            return True
        self._calls += 1
        return False

    @cached_property
    def combined(self) -> re.Pattern[str]:
        """Compiled at first use (importing a module with a Table compiles nothing)."""
        if not all(combinable(p) for p in self.rows):
            raise ValueError("a Table combines patterns without flags or back-references only")
        body = "|".join(f"(?P<_{i}>{_plain_groups(p)})" for i, p in enumerate(self.patterns))
        if len(self.patterns) == 1 and _literal_start(self.patterns[0]):
            return recache.compile(f"(?:{body})", re.MULTILINE)  # the engine's own literal search is faster
        gate = None
        parts = [_first_set(p) for p in self.patterns]
        if parts and all(parts):
            gate = "[" + "".join(sorted(set().union(*parts))) + "]"
        return recache.compile(f"(?={gate})(?:{body})" if gate else f"(?:{body})", re.MULTILINE)

    @cached_property
    def required(self) -> tuple[str, ...] | None:
        """Strings one of which every match of some row contains; None when a row has none."""
        found: set[str] = set()
        for pattern in self.patterns:
            row = _required_words(pattern)
            if not row:
                return None
            found |= row
        return tuple(sorted(word for word in found if not any(other != word and other in word for other in found)))

    @cached_property
    def line_safe(self) -> bool:
        return all(_line_safe(_parse(p), False) for p in self.patterns)

    def match(self, text: str) -> int | None:
        """Index of the first row whose pattern matches at the start of `text`, or None."""
        if self._combining():
            found = self.combined.match(text)
            return int(found.lastgroup[1:]) if found else None
        for index, row in enumerate(self.rows):
            if row.match(text):
                return index
        return None

    def search(self, text: str, pos: int = 0) -> bool:
        """Whether some row finds something in `text` (starting at `pos` or after)."""
        if self._combining():
            return self.combined.search(text, pos) is not None
        return any(row.search(text, pos) for row in self.rows)

    @cached_property
    def _line_gates(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None:
        """(the characters a row with a known first character starts with, the strings one of
        which each other row needs), or None when some row has neither."""
        firsts: set[str] = set()
        needed: set[str] = set()
        for pattern in self.patterns:
            first = _first_set(pattern)
            if first:
                firsts |= first
                continue
            words = _required_words(pattern)
            if not words:
                return None
            needed |= words
        first_gate = recache.compile("[" + "".join(sorted(firsts)) + "]") if firsts else None
        word_gate = recache.compile("|".join(re.escape(w) for w in sorted(needed, key=lambda w: (-len(w), w)))) if needed else None
        return first_gate, word_gate

    def possible_lines(self, lines: Sequence[str]) -> list[bool] | None:
        """For each line, whether some row could match at its start (`match`): its first
        character opens a row, or it holds a string a row without a known first character
        needs (one scan of all lines for those). None when that cannot be told."""
        gates = self._line_gates
        if gates is None:
            return None
        first_gate, word_gate = gates
        possible = [bool(first_gate and first_gate.match(line)) for line in lines]
        if word_gate is not None:
            starts, offset = [], 0
            for line in lines:
                starts.append(offset)
                offset += len(line) + 1
            for found in word_gate.finditer("\n".join(lines)):
                possible[bisect_right(starts, found.start()) - 1] = True
        return possible

    @cached_property
    def _after_newline(self) -> re.Pattern[str] | None:
        """The first-character gate after a "\n": a line's start, found by the engine's fast
        search for the "\n"."""
        gates = self._line_gates
        return recache.compile("\n" + gates[0].pattern) if gates and gates[0] is not None else None

    def possible_line_indices(self, text: str, starts: Sequence[int]) -> list[int] | None:
        """`possible_lines` for the lines of a "\n"-joined text (starting at `starts`): the
        indices of the lines a row could match at the start of, in order, from one scan of
        the text for each gate. None when that cannot be told."""
        gates = self._line_gates
        if gates is None:
            return None
        first_gate, word_gate = gates
        found: set[int] = set()
        if first_gate is not None:
            if starts and first_gate.match(text):
                found.add(0)
            for hit in self._after_newline.finditer(text):
                found.add(bisect_right(starts, hit.start() + 1) - 1)
        if word_gate is not None:
            for hit in word_gate.finditer(text):
                found.add(bisect_right(starts, hit.start()) - 1)
        return sorted(found)

    def lines_hit(self, text: str, starts: Sequence[int]) -> list[int] | None:
        """Indices of the lines (starting at `starts` in the "\\n"-joined `text`) that some row
        may find something in, in order; None when the rows cannot be run over the whole text
        (then every line must be tried).

        With a gate or `required` strings: the lines holding one of them, each confirmed by a search of
        the combined pattern in that line alone (exact). Otherwise one scan of the combined
        pattern over the whole text (a superset: a hit spanning two lines marks both)."""
        if self.gate is not None or self.required is not None:
            return self._lines_confirmed(text, starts)
        if not self.line_safe:
            return None
        hit: list[int] = []
        last = -1
        for found in self.combined.finditer(text):
            first = bisect_right(starts, found.start()) - 1
            end = bisect_right(starts, max(found.end() - 1, found.start())) - 1
            for line in range(max(first, last + 1), end + 1):
                hit.append(line)
            last = max(last, end)
        return hit

    def _lines_confirmed(self, text: str, starts: Sequence[int]) -> list[int]:
        found: list[int] = []
        search, count, reach = self.search, len(starts), self.reach
        for line, first in self._lines_holding(text, starts):
            end = starts[line + 1] - 1 if line + 1 < count else len(text)
            # the line alone (look-behinds see no "\n"); a match holds a gate or required
            # string, so it starts at most `reach` characters before the first one
            skip = max(first - starts[line] - reach, 0) if reach is not None else 0
            if search(text[starts[line]:end], skip):
                found.append(line)
        return found

    @cached_property
    def _word_scan(self) -> re.Pattern[str] | None:
        """The `required` strings as one alternation, where that finds them faster than a
        `str.find` pass a string: when they share their first character (the engine searches
        for it as a literal) or are many. Measured on the corpus: a `str.find` pass costs
        ~0.3 ms a string, an alternation ~3 ms of whatever size, ~0.3 ms with a shared first
        character."""
        words = self.required or ()
        if len({word[0] for word in words}) == 1 or len(words) > 8:
            return recache.compile("|".join(re.escape(word) for word in sorted(words, key=lambda w: (-len(w), w))))
        return None

    @cached_property
    def reach(self) -> int | None:
        """The longest match any row can make (None when unbounded)."""
        widths = [_parse(pattern).getwidth()[1] for pattern in self.patterns]
        longest = max(widths, default=0)
        return longest if longest < _c.MAXREPEAT else None

    def _lines_holding(self, text: str, starts: Sequence[int]) -> list[tuple[int, int]]:
        """(line, offset of the first hit in it) of the lines holding the gate or a
        `required` string, in order, skipping to the next line after each hit."""
        count = len(starts)
        scan = self.gate or self._word_scan
        if scan is not None:
            lines, find = [], scan.search
            hit = find(text)
            while hit is not None:
                line = bisect_right(starts, hit.start()) - 1
                lines.append((line, hit.start()))
                hit = find(text, starts[line + 1] - 1) if line + 1 < count else None
            return lines
        holding: dict[int, int] = {}
        for word in self.required:
            at = text.find(word)
            while at != -1:
                line = bisect_right(starts, at) - 1
                holding[line] = min(at, holding.get(line, at))
                at = text.find(word, starts[line + 1] - 1) if line + 1 < count else -1
        return sorted(holding.items())


# --- finding a table's rows in one pass, with their own groups ------------------------------------

_CLASS_ITEM_DIGITS = {r"\d": "0123456789"}


def _chars_of(items: set[str], ascii_digits: bool) -> set[str] | None:
    """The characters of class items as `_first` gives them (`a`, `\\(`, `a-z`, `\\d`); None
    when one cannot be listed (a category other than an ASCII `\\d`)."""
    chars: set[str] = set()
    for item in items:
        if item.startswith("\\") and item[1:2].isalpha() and len(item) == 2:
            if not (ascii_digits and item in _CLASS_ITEM_DIGITS):
                return None
            chars |= set(_CLASS_ITEM_DIGITS[item])
            continue
        plain = re.sub(r"\\(.)", r"\1", item, flags=re.DOTALL)
        if len(plain) == 3 and plain[1] == "-":
            chars |= {chr(code) for code in range(ord(plain[0]), ord(plain[2]) + 1)}
        else:
            chars.add(plain)
    return chars


@recache.remember
def first_char_set(patterns: Sequence[str], *, ascii_digits: bool = False) -> frozenset[str] | None:
    """Every character a match of some pattern can start with, as a set (None when unknown).
    `ascii_digits`: a `\\d` a match starts with counts as 0-9 only."""
    found: set[str] = set()
    for pattern in patterns:
        items = _first_set(pattern)
        chars = _chars_of(items, ascii_digits) if items else None
        if chars is None:
            return None
        found |= chars
    return frozenset(found)


@recache.remember
def start_gate(patterns: Sequence[str]) -> tuple[frozenset[str], bool] | None:
    """What a text must start with for some of these `^`-anchored patterns to match it:
    (characters, whether any decimal digit — `\\d`, i.e. `str.isdecimal`); None when a pattern
    is not anchored or what its matches start with is unknown."""
    chars: set[str] = set()
    digits = False
    for pattern in patterns:
        parsed = _parse(pattern)
        if not parsed.data or parsed.data[0] != (_c.AT, _c.AT_BEGINNING):
            return None
        items = _first_set(pattern)
        if not items:
            return None
        for item in items:
            if item == _CATEGORY[_c.CATEGORY_DIGIT]:
                digits = True
                continue
            listed = _chars_of({item}, ascii_digits=False)
            if listed is None:
                return None
            chars |= listed
    return frozenset(chars), digits


def _fixed_width(source: str) -> int | None:
    """The width every match of `source` has, or None (it varies, or `source` is not a
    pattern of its own: part of a group)."""
    try:
        low, high = _parse(source).getwidth()
    except re.error:
        return None
    return low if low == high else None


def _class_of(chars: frozenset[str]) -> str:
    return "[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]"


def _closing_paren(source: str, opening: int) -> int:
    """Index of the `)` closing the `(` at `source[opening]` (escapes and classes skipped)."""
    depth, at = 0, opening
    while at < len(source):
        char = source[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":
            at += 2 if source[at + 1:at + 2] == "^" else 1
            at += 1  # a `]` first in a class is a literal
            while source[at] != "]":
                at += 2 if source[at] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return at
        at += 1
    raise ValueError(f"unbalanced pattern: {source!r}")


#: A named group of a table's row (the scan's own names start with "_").
_ROW_GROUP = lazyre.compile(r"\(\?P<([A-Za-z]\w*)>")
_NEGATED_CLASS = lazyre.compile(r"(?<!\\)\[\^")


_ASCII_DIGITS = frozenset("0123456789")

#: `hits_by_line` keeps at most this many hits of one line: a line with more (one paragraph of
#: 100,000 `第一，`) is marked LAZY and read again with `RowScan.line_hits` as it is used,
#: instead of holding ~170 bytes a hit at once.
KEPT_A_LINE = 10_000
LAZY: list = [None]  # compared by identity

#: How `RowScan._hit` reads a row's group values (see `RowScan._readers`).
_NO_GROUP, _SLICE, _END, _GROUP, _GROUPS = range(5)
_ONE_GROUP = {"slice": _SLICE, "end": _END, "group": _GROUP}


class RowScan:
    """A table's rows found in one pass over a "\\n"-joined text (lines = paragraphs), each
    hit with the row's own named groups read from the scan's match: no row is run again.
    The lines hold no "\\n" (a hit's line is told by counting them); `starts` where they start.

    `line_start`: rows are matched where a line starts only; otherwise anywhere, leftmost
    first and not overlapping, as `finditer` of the rows' alternation finds them.
    `ascii_digits`: a digit a match starts with is an ASCII one (the text is folded).

    Each row behaves on its line as on the line alone: its negated classes do not take the
    "\\n" (a look-ahead `[^一二…]` at a line's end fails as at the end of the text), a `$` is
    a line's end (MULTILINE); a row that could still match a line break is refused.

    How it stays at C speed in Python's engine, which skips ahead fast only to a position
    where the pattern's first item, a consumed class, matches (a look-ahead gate does not
    count), and skips an alternative of a branch cheaply only when it starts with one:
    - anywhere, the first characters are split into classes of characters that start the same rows;
      the pattern is `[all first characters](?<=(?:[class 1](?<=(?=ROWS 1).)|…))`: a class
      is consumed, a look-behind steps back onto it and a look-ahead matches that class's
      rows there, in table order (at a character of class 1 no other row can match). Classes
      of CJK characters, the most frequent in the text, are tried first;
    - anywhere, a hit is one character long (the row's span is in its groups) and a hit
      inside the previous row's span is dropped (`finditer` resumes after a match);
    - at a line start, the pattern is `\\n(?=[first characters])(?:ROWS)`, searched in
      "\\n" + text: the engine's fast literal search finds each line start, where the rows
      are tried in turn (the class branches' look-arounds cost more than they save there);
    - a row is `ROW(?P<…>)`: the empty group closing last names the row (`lastindex`); a
      row's own groups are read from fixed widths around them where they can be (第(?P<num>…)章),
      so that the engine sets no group while it tries a row (a group set in a row that then
      fails costs time); see `_row_form`.
    """

    def __init__(
        self, patterns: Sequence[str], *, line_start: bool = False, ascii_digits: bool = False,
        after: Sequence[frozenset[str] | None] | None = None,
    ) -> None:
        self.patterns = list(patterns)
        self.line_start = line_start
        self.ascii_digits = ascii_digits
        #: anywhere: for each row, the characters its hit must follow to be of use (None: any),
        #: the caller refusing it elsewhere; applied to the rows starting with a digit
        #: (`_digit_gate`), where it pays
        self.after = after

    @cached_property
    def _first_sets(self) -> list[frozenset[str]]:
        sets = [first_char_set([pattern], ascii_digits=self.ascii_digits) for pattern in self.patterns]
        if not all(sets):
            raise ValueError("a RowScan needs rows whose first characters are known")
        return sets  # type: ignore[return-value]

    @cached_property
    def first(self) -> frozenset[str]:
        """Every character a row's match can start with."""
        return frozenset().union(*self._first_sets)

    def _classes(self) -> list[tuple[frozenset[str], list[int]]]:
        """The first characters grouped by the rows they start (rows in table order), CJK
        classes first."""
        rows_of: dict[tuple[int, ...], set[str]] = {}
        for char in sorted(self.first):  # one pattern text whatever the hash seed (recache)
            rows = tuple(index for index, chars in enumerate(self._first_sets) if char in chars)
            rows_of.setdefault(rows, set()).add(char)
        classes = [(frozenset(chars), list(rows)) for rows, chars in rows_of.items()]
        classes.sort(key=lambda item: -sum("\u4e00" <= char <= "\u9fff" for char in item[0]))
        return classes

    @staticmethod
    @recache.remember
    def _row_form(source: str, tag: str) -> tuple[str, dict[str, tuple[str, int | str, int]]]:
        """(the row as it sits in the scan, how each of its named groups is read); the row's
        end mark is `tag`. A group is read, cheapest first:
        - ("slice", before, after): between fixed widths of the row (第(?P<num>…)章: one
          character before, one after), so it needs no group in the scan: a group set while
          the engine tries a row costs it time even when the row fails;
        - ("end", name, 0): from the row's start to an empty group at its end (it opens the row);
        - ("group", name, 0): a group of the scan."""
        groups: dict[str, tuple[str, int | str, int]] = {}
        while found := _ROW_GROUP.search(source):
            name, close = found.group(1), _closing_paren(source, found.start())
            before, after = _fixed_width(source[:found.start()]), _fixed_width(source[close + 1:])
            if before is not None and after is not None:
                groups[name] = ("slice", before, after)
                source = f"{source[:found.start()]}(?:{source[found.end():]}"
            elif found.start() == 0:
                groups[name] = ("end", f"{tag}_{name}", 0)
                source = f"(?:{source[found.end():close]})(?P<{tag}_{name}>){source[close + 1:]}"
            else:
                groups[name] = ("group", f"{tag}_{name}", 0)
                source = f"{source[:found.start()]}(?P<{tag}_{name}>{source[found.end():]}"
        source = _NEGATED_CLASS.sub(r"[^\\n", source)
        parsed = _parse(source)
        if _may_match_newline(parsed, False):
            raise ValueError(f"a row can match a line break: {source!r}")
        if _top_level_bar(source) or _holds_edge(parsed):
            # the closing group names only the last alternative; \A and \Z mean the whole text
            raise ValueError(f"a row with a top-level | or with \\A or \\Z: {source!r}")
        return f"{source}(?P<{tag}>)", groups

    @cached_property
    def _compiled(self) -> tuple[re.Pattern[str], list[tuple[int, tuple[tuple[str, int, int], ...]] | None], list[dict[str, int]]]:
        """(the scan; for each group that can close a match last, (row, how each of the row's
        groups is read: ("slice", before, after), ("end", group number, 0) or ("group", group
        number, 0)); for each row, its group names → their place in a hit's values)."""
        # at a line start the engine tries one position a line: the rows are tried in turn there
        classes = [(self.first, list(range(len(self.patterns))))] if self.line_start else self._classes()
        branches, marks = [], []
        for number, (chars, rows) in enumerate(classes):
            forms = []
            for row in rows:
                tag = f"_{number}_{row}"
                form, groups = self._row_form(self.patterns[row], tag)
                forms.append(form)
                marks.append((tag, row, groups))
            branches.append(f"{self._digit_gate(chars, rows)}{_class_of(chars)}(?<=(?=(?:{'|'.join(forms)})).)")
        if self.line_start:
            body = f"\n(?={_class_of(self.first)})(?:{'|'.join(forms)})"
        else:
            body = f"{_class_of(self.first)}(?<=(?:{'|'.join(branches)}))"
        pattern = recache.compile(body, re.MULTILINE)
        by_mark: list[tuple[int, tuple[tuple[str, int, int], ...]] | None] = [None] * (pattern.groups + 1)
        places: list[dict[str, int]] = [{} for _ in self.patterns]
        for tag, row, groups in marks:
            by_mark[pattern.groupindex[tag]] = (row, tuple(
                (how, a, b) if how == "slice" else (how, pattern.groupindex[a], 0)  # type: ignore[index]
                for how, a, b in groups.values()
            ))
            places[row] = {name: place for place, name in enumerate(groups)}
        return pattern, by_mark, places

    def _digit_gate(self, chars: frozenset[str], rows: list[int]) -> str:
        """For a class of ASCII digits: a look-behind refusing it after a character none of its
        rows may follow (`after`), before the rows are tried: most digits of a text stand
        inside a number (2026年), where each would cost the engine every row.
        The caller must refuse such hits anyway, and dropping one must hide no other hit: what
        its span holds must be digits (refused alike) or characters that start no row (for
        the numbering rows: `1.`, `12）`)."""
        if self.after is None or self.line_start or not chars <= _ASCII_DIGITS:
            return ""
        allowed: set[str] = set()
        for row in rows:
            if self.after[row] is None:
                return ""
            allowed |= self.after[row]  # type: ignore[operator]
        return f"(?<![^{''.join(re.escape(ch) for ch in sorted(allowed))}])"

    @cached_property
    def _readers(self) -> list[tuple[int, int, int, int, tuple[tuple[str, int, int], ...]] | None]:
        """`_compiled`'s marks as `_hit` reads them: (row, how its values are read, a, b, the
        row's groups), `how` one of _NO_GROUP, _SLICE, _END, _GROUP for a row of at most one
        group (`a`, `b` as `_compiled` gives them), _GROUPS for a row of more."""
        readers: list[tuple[int, int, int, int, tuple[tuple[str, int, int], ...]] | None] = []
        for mark in self._compiled[1]:
            if mark is None:
                readers.append(None)
                continue
            row, groups = mark
            if len(groups) > 1:
                readers.append((row, _GROUPS, 0, 0, groups))
            elif not groups:
                readers.append((row, _NO_GROUP, 0, 0, groups))
            else:
                how, a, b = groups[0]
                readers.append((row, _ONE_GROUP[how], a, b, groups))
        return readers

    def _hit(self, match: re.Match[str], text: str) -> tuple[int, int, int, tuple[str, ...]]:
        """(row, start, end, the row's group values) of a match in `text` (or in "\\n" + text at
        line starts); the match itself is not kept (it holds a slot for every group of the scan)."""
        shift = 1 if self.line_start else 0
        mark = match.lastindex
        row, how, a, b, groups = self._readers[mark]
        start, end = match.start(), match.end(mark) - shift
        if how == _SLICE:  # the common case first: a row's numeral between fixed widths
            return row, start, end, (text[start + a:end - b],)
        if how == _END:
            return row, start, end, (text[start:match.end(a) - shift],)
        if how == _GROUP:
            return row, start, end, (match.group(a),)
        if how == _NO_GROUP:
            return row, start, end, ()
        values = []
        for how, a, b in groups:
            if how == "slice":
                values.append(text[start + a:end - b])
            elif how == "end":
                values.append(text[start:match.end(a) - shift])
            else:
                values.append(match.group(a))
        return row, start, end, tuple(values)

    def line_start_hits(self, text: str, starts: Sequence[int]) -> dict[int, tuple[int, int, int, tuple[str, ...]]]:
        """For a line-start scan: the hit at the start of each line that has one, by line (lines
        starting at `starts` in `text`): (row, start, end, values); read a group with `group`."""
        return dict(self.iter_line_start_hits(text, starts))

    def iter_line_start_hits(self, text: str, starts: Sequence[int]) -> Iterator[tuple[int, tuple[int, int, int, tuple[str, ...]]]]:
        """`line_start_hits` as (line, hit) pairs in line order, made as they are read (a text
        of 500,000 marker lines would hold 500,000 hits at once)."""
        for match in self._compiled[0].finditer("\n" + text):
            yield bisect_right(starts, match.start()) - 1, self._hit(match, text)

    def iter_line_openings(self, text: str) -> Iterator[tuple[int, int, int, str]]:
        """For a line-start scan: (line, row, length of the match, the value of the row's first
        group, "" without one) of each line a row matches at the start of, in line order, made
        as they are read. One small tuple a hit: a large text has a hit a line."""
        readers, newlines = self._readers, text.count
        line, last = 0, 0  # the line of the last hit, and where it starts
        for match in self._compiled[0].finditer("\n" + text):
            mark = match.lastindex
            row, how, a, b, groups = readers[mark]
            start = match.start()  # (of the "\n" before the line in "\n" + text: the line's start in text)
            end = match.end(mark) - 1
            if how == _GROUPS:  # a row of more groups: its first
                how, a, b = _ONE_GROUP[groups[0][0]], groups[0][1], groups[0][2]
            if how == _SLICE:
                value = text[start + a:end - b]
            elif how == _GROUP:
                value = match.group(a)
            elif how == _END:
                value = text[start:match.end(a) - 1]
            else:
                value = ""
            line += newlines("\n", last, start)  # (faster than a bisect of `starts`)
            last = start
            yield line, row, end - start, value

    def hits_by_line(self, text: str, at_least: int = 1) -> dict[int, list[tuple[int, int, int, tuple[str, ...]]]]:
        """The hits in `text` by line (0 the first), for the lines with `at_least` hits, in
        order: each (row, start, end, values); read a group with `group`. A line's hits are
        read further only when it has enough."""
        found: dict[int, list[tuple[int, int, int, tuple[str, ...]]]] = {}
        hit, newlines, next_newline, size = self._hit, text.count, text.find, len(text)
        # the line of the hits kept last, and where it starts (a line's number is counted only
        # once it has enough hits: in a text of marker lines most have one, their own marker)
        line, line_start = 0, 0
        line_end = -1  # where the "\n" ending the line of the last hit stands
        waiting: list[re.Match[str]] = []  # the line's first matches, read once there are enough
        current: list[tuple[int, int, int, tuple[str, ...]]] | None = None  # then its hits
        for match in self._compiled[0].finditer(text):
            start = match.start()
            if start > line_end:  # the first hit of a line
                if current:
                    found[line] = current
                line_end = next_newline("\n", start)
                if line_end < 0:
                    line_end = size
                waiting, current = [match], None
                if at_least <= 1:
                    line += newlines("\n", line_start, start)  # (faster than a bisect of `starts`)
                    line_start = start
                    current = [hit(match, text)]
                continue
            # a hit inside the previous one is what `finditer`, resuming after it, never sees
            if current is None:
                previous = waiting[-1]
                if start < previous.end(previous.lastindex):
                    continue
                waiting.append(match)
                if len(waiting) >= at_least:
                    line += newlines("\n", line_start, start)
                    line_start = start
                    current = [hit(m, text) for m in waiting]
            elif current is LAZY or start < current[-1][2]:
                continue
            elif len(current) >= KEPT_A_LINE:
                current = LAZY
            else:
                current.append(hit(match, text))
        if current:
            found[line] = current
        return found

    def line_hits(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, int, tuple[str, ...]]]:
        """The hits of the line `text[start:end]`, as `hits_by_line` finds them, made as they
        are read (for a line it left `LAZY`)."""
        reached = 0
        for match in self._compiled[0].finditer(text, start):
            if match.start() >= end:
                break
            if match.start() < reached:
                continue
            reached = match.end(match.lastindex)
            yield self._hit(match, text)

    def first_row(self, line: str) -> int | None:
        """The first row (in table order) matching at the start of `line`, a text without a
        "\\n" (line-start scans only): the scan's own pattern, so no other is compiled."""
        pattern, by_mark, _ = self._compiled
        match = pattern.match("\n" + line)
        return by_mark[match.lastindex][0] if match else None

    def group(self, hit: tuple[int, int, int, tuple[str, ...]], name: str) -> str:
        """The row's group `name` of a hit."""
        return hit[3][self._compiled[2][hit[0]][name]]
