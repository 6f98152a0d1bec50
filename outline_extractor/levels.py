"""Heading candidates to levels.

A stack of open lists, one frame per style. The rules, in the order they are tried:

1. A style already open returns to its level: its frame and everything below it close.
   Its ordinal must count on (a gap is allowed and reported later); a jump back is a false
   friend, except a restart at 1, which at the top level begins a new run (an annex).
2. A style not open that starts at 1 opens a new level. It goes where the document first put
   it (under the style it first appeared under), else under the innermost open list. The
   GB/T 9704 styles keep their order: 一、 never nests under （一） or 1., so a higher style
   closes lower ones first.
3. A style not open that does not start at 1 is taken only when its numbering runs on from
   where that style last stood (（三） under 二、 after （一）（二） under 一、; 第十三条 under
   第二章). Anything else is suspect: a number that neither continues a list nor starts one.

Annex and notes boundaries (附件, 注释 …) close every list and forget what was learnt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .detect import Candidate

_UNKNOWN = object()


@dataclass
class Levelled:
    candidate: Candidate
    level: int
    ordinal: int


@dataclass
class Rejected:
    candidate: Candidate
    reason: str


@dataclass
class Frame:
    style: str
    rank: int | None
    ordinal: int


@dataclass
class LevelResult:
    accepted: list[Levelled] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


class _Stack:
    def __init__(self) -> None:
        self.frames: list[Frame] = []
        self.parent_of: dict[str, str | None] = {}
        self.last_ordinal: dict[str, int] = {}

    def reset(self) -> None:
        self.frames.clear()
        self.parent_of.clear()
        self.last_ordinal.clear()

    def position(self, style: str) -> int | None:
        for index in range(len(self.frames) - 1, -1, -1):
            if self.frames[index].style == style:
                return index
        return None

    def push(self, cand: Candidate, ordinal: int) -> int:
        self.frames.append(Frame(cand.style.list_family, cand.style.rank, ordinal))
        return len(self.frames)

    def close_below(self, index: int) -> None:
        del self.frames[index + 1:]

    def close_lower_ranks(self, rank: int | None) -> None:
        """A GB/T style closes open GB/T lists of lower rank (1. cannot hold 一、)."""
        if rank is None:
            return
        while self.frames and self.frames[-1].rank is not None and self.frames[-1].rank >= rank:
            self.frames.pop()

    def go_to_parent(self, style: str) -> bool:
        """Close lists down to the style this one first appeared under; False if it is not open."""
        parent = self.parent_of.get(style, _UNKNOWN)
        if parent is _UNKNOWN:
            return False
        if parent is None:
            self.frames.clear()
            return True
        index = self.position(parent)
        if index is None:
            return False
        self.close_below(index)
        return True


def assign_levels(candidates: list[Candidate], boundaries: list[int] | None = None) -> LevelResult:
    result = LevelResult()
    stack = _Stack()
    pending_boundaries = sorted(boundaries or [])
    for cand in candidates:
        while pending_boundaries and pending_boundaries[0] < cand.paragraph:
            pending_boundaries.pop(0)
            stack.reset()
        outcome = _place(stack, cand)
        if isinstance(outcome, str):
            result.rejected.append(Rejected(cand, outcome))
        else:
            level, ordinal = outcome
            stack.last_ordinal[cand.style.list_family] = ordinal
            result.accepted.append(Levelled(cand, level, ordinal))
    return result


def _place(stack: _Stack, cand: Candidate) -> tuple[int, int] | str:
    name = cand.style.list_family
    index = stack.position(name)
    if index is not None:
        frame = stack.frames[index]
        ordinal = cand.ordinal or frame.ordinal + 1
        if ordinal < frame.ordinal and ordinal != 1:
            return f"counts back from {frame.ordinal} to {ordinal}"
        stack.close_below(index)
        frame.ordinal = ordinal
        return index + 1, ordinal

    if cand.ordinal == 1:
        if not stack.go_to_parent(name):
            stack.close_lower_ranks(cand.style.rank)
            stack.parent_of[name] = stack.frames[-1].style if stack.frames else None
        else:
            stack.close_lower_ranks(cand.style.rank)
        return stack.push(cand, 1), 1

    if cand.ordinal == 0:
        return "closes a sequence that is not open"
    last = stack.last_ordinal.get(name)
    if cand.style.carries_on and last is not None and cand.ordinal > last and stack.go_to_parent(name):
        return stack.push(cand, cand.ordinal), cand.ordinal
    return f"neither starts a list nor continues one ({cand.marker})"
