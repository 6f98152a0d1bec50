"""Regexes compiled on first use, so that importing the package compiles none of its tables.

`lazyre.compile(pattern)` stands for `re.compile(pattern)`: it has the same `pattern` and
methods, and compiles at the first call of any of them. After that the methods are the
compiled pattern's own (no wrapper cost on the hot path). A `parse` compiles only the
patterns its text reaches: a text without 议程 never compiles the agenda phrases.
"""

from __future__ import annotations

import re

_FORWARDED = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class LazyPattern:
    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags | re.UNICODE

    def __getattr__(self, name: str):
        """Called only for what is not set yet: compile, then keep the compiled methods."""
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self.flags & ~re.UNICODE)
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
