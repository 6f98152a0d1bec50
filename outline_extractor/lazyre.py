"""Regexes compiled on first use, so that importing the package compiles none of its tables.

`lazyre.compile(pattern)` stands for `re.compile(pattern)`: it has the same `pattern` and
methods, and compiles at the first call of any of them. After that the methods are the
compiled pattern's own (no wrapper cost on the hot path). A `parse` compiles only the
patterns its text reaches: a text without 议程 never compiles the agenda phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import recache

_FORWARDED = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class LazyPattern:
    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags | re.UNICODE

    def __getattr__(self, name: str):
        """Called only for what is not set yet: compile, then keep the compiled methods."""
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = recache.compile(self.pattern, self.flags & ~re.UNICODE)
        for method in _FORWARDED:
            setattr(self, method, getattr(compiled, method))
        self.flags = compiled.flags
        self.groups = compiled.groups
        self.groupindex = compiled.groupindex
        self.compiled = compiled
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazyre.compile({self.pattern!r})"


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - stands for re.compile
    """A pattern compiled when first used (typed as re.Pattern: it behaves as one)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]


#: Characters a `CharClass` tests with its set before it compiles its class: compiling a class
#: of thousands of characters costs ~3 ms (Python's compiler reads it one character at a time),
#: what `set.isdisjoint` costs over ~70,000 characters (~40 ns each; the compiled class ~5 ns).
COMPILE_CLASS_AFTER = 50_000

_ASTRAL = compile("[\U00010000-\U0010ffff]")


def class_body(codes: Iterable[int]) -> str:
    """Code points as the body of a character class, runs as ranges (compiles twice as fast)."""
    runs: list[list[int]] = []
    for code in sorted(codes):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs)


class CharClass:
    """Whether a text holds one of a large set of characters (a class `[…]` of thousands): a
    set's `isdisjoint` until the texts tested add up to COMPILE_CLASS_AFTER characters, the
    compiled class after that. A parse of one short document (the CLI) compiles none; a long
    text, or many, are scanned at the compiled class's speed.

    `chars`: characters of the Basic Multilingual Plane; `astral`: every character above
    U+FFFF belongs too (one range: listed one by one they make the scan ~70× slower)."""

    def __init__(self, chars: Iterable[str], *, astral: bool = False) -> None:
        self.chars = frozenset(chars)
        self.astral = astral
        self.compiled: re.Pattern[str] | None = None
        self._tested = 0

    def holds(self, text: str) -> bool:
        if self.compiled is None:
            self._tested += len(text)
            if self._tested <= COMPILE_CLASS_AFTER:
                return not self.chars.isdisjoint(text) or (self.astral and _ASTRAL.search(text) is not None)
            self.compiled = self.pattern()
        return self.compiled.search(text) is not None

    def pattern(self) -> re.Pattern[str]:
        """The class as a compiled pattern (compiled once, by the first call)."""
        if self.compiled is None:
            astral = "\U00010000-\U0010ffff" if self.astral else ""
            self.compiled = recache.compile("[" + class_body(map(ord, self.chars)) + astral + "]")
        return self.compiled
