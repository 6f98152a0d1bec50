"""Word segmentation, loaded only when a marker is glued to the word before it.

Used to tell `工作一是加强…` (一是 starts a word: a marker) from `对立的统一是…` (一 ends the
word 统一: no marker). rjieba (the jieba-rs binding) gives jieba's tokens; loading it costs
~100 ms and ~30 MB, so the glued false friends met most often are a table checked first
(`ends_known_word`). jieba itself is the fallback when rjieba is not installed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

#: Characters of context on each side that the segmenter sees.
_WINDOW = 8

#: Words ending in a numeral that a marker word is glued to (统一是, 唯一是, 之一是): the
#: numeral ends the word, so no marker starts there. The segmenter says the same.
GLUED_FALSE_FRIENDS = ("统一", "唯一", "之一")


def ends_known_word(text: str, index: int) -> bool:
    """Whether `text[index]` ends one of GLUED_FALSE_FRIENDS (no segmenter needed)."""
    return index >= 1 and text[index - 1:index + 1] in GLUED_FALSE_FRIENDS


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
