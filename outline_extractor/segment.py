"""Word segmentation, loaded only when a marker is glued to the word before it.

Used to tell `工作一是加强…` (一是 starts a word: a marker) from `对立的统一是…` (一 ends the
word 统一: no marker). rjieba (the jieba-rs binding) gives jieba's tokens and loads in under a
millisecond; jieba itself is the fallback when rjieba is not installed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

#: Characters of context on each side that the segmenter sees.
_WINDOW = 8


@lru_cache(maxsize=1)
def _cutter() -> Callable[[str], list[str]] | None:
    try:
        import rjieba

        return rjieba.cut
    except ImportError:
        pass
    try:  # pragma: no cover - exercised only where rjieba has no wheel
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        return lambda text: list(jieba.cut(text))
    except ImportError:  # pragma: no cover
        return None


def starts_word(text: str, index: int) -> bool:
    """Whether a word begins at `text[index]` when the surrounding text is segmented.

    Without a segmenter the answer is False: a glued marker is then not taken.
    """
    cut = _cutter()
    if cut is None:
        return False
    left = max(0, index - _WINDOW)
    window = text[left:index + _WINDOW]
    position = 0
    for token in cut(window):
        if position == index - left:
            return True
        if position > index - left:
            return False
        position += len(token)
    return False
