"""Heading candidates to levels.

A stack of open lists, one frame per list family. The rules, in the order they are tried:

1. A list already open takes the candidate back to its level: the lists below it close. Its
   number must count on (a gap is allowed and reported later); counting back is a false
   friend, except a restart at 1, which at the top level begins a new run (an annex).
2. A style not open that starts at 1 opens a new level under the innermost open list, except
   where the document or GB/T 9704 says it cannot go there:
   - it never nests under a style it has held before (一是 under 一、 once means 一、 never
     goes under 一是);
   - the structural styles (第X章 … 一、（一）) never nest under a speech enumeration (一是,
     第一，, 首先) nor under a GB/T style of their own rank or lower; 1. (1) ① nest anywhere
     but under GB/T styles of their own rank or lower.
3. A style not open that does not start at 1 is taken only when it runs on from where that
   style last stood (（三） under 二、 after （一）（二） under 一、; 第十三条 under 第二章 or
   under its 第一节), placed as a new list would be; or, for a bare numeral, when it
   continues an open 一、 list whose 、 was lost. A candidate marked weak (1.5…, 20.2026年…) must count on an open list exactly.
   Anything else is suspect: a number that neither continues a list nor starts one.
4. A GB/T 1.1 clause number (5.2.1) is taken only under the clause its leading parts name
   (5.2, or 5 when 5.2 is missing), or, for two parts, under a list standing at its first part
   (1.1 under 一、), or where nothing is open; under the clause it names it may skip numbers.

Annex boundaries (附件, 名词解释 …) close every list and forget what was learnt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .detect import Candidate
from .styles import decimal_parts

#: The reason given for a number that neither starts a list nor continues one (二、 with no 一、);
#: check's list-start rule picks these refusals out by it.
BEGINS_NO_LIST = "neither starts a list nor continues one"
#: GB/T styles at or above this rank are structural: they never nest under speech enumerations.
STRUCTURAL_RANK = 60


@dataclass(slots=True)
class Levelled:
    candidate: Candidate
    level: int
    ordinal: int


@dataclass(slots=True)
class Rejected:
    candidate: Candidate
    reason: str


@dataclass(slots=True)
class Frame:
    family: str
    rank: int | None
    ordinal: int
    #: a clause's full number (5, 2, 1); empty for other lists
    number: tuple[int, ...] = ()


@dataclass
class LevelResult:
    accepted: list[Levelled] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


class _Stack:
    def __init__(self) -> None:
        self.frames: list[Frame] = []
        self.families: list[str] = []  # the frames' families, in step with `frames`
        self.held: dict[str, set[str]] = {}  # families a family has held below it
        #: (family, the open families) of the pushes `held` already records: a document repeats
        #: its structure, and the same push need not walk the open lists again
        self.recorded: set[tuple[str, ...]] = set()
        self.last_ordinal: dict[str, int] = {}

    def reset(self) -> None:
        self.frames.clear()
        self.families.clear()
        self.held.clear()
        self.recorded.clear()
        self.last_ordinal.clear()

    def position(self, family: str) -> int | None:
        """Where the innermost open list of `family` stands (None: not open; asked in C first)."""
        families = self.families
        if family not in families:
            return None
        index = len(families) - 1
        while families[index] != family:
            index -= 1
        return index

    def push(self, family: str, rank: int | None, ordinal: int, number: tuple[int, ...] = ()) -> int:
        key = (family, *self.families)
        if key not in self.recorded:
            self.recorded.add(key)
            for open_family in self.families:
                self.held.setdefault(open_family, set()).add(family)
        self.frames.append(Frame(family, rank, ordinal, number))
        self.families.append(family)
        return len(self.frames)

    def close_below(self, index: int) -> None:
        del self.frames[index + 1:]
        del self.families[index + 1:]

    def make_room(self, family: str, rank: int | None) -> None:
        """Close the open lists a new list of `family` cannot nest under (rule 2)."""
        held = self.held.get(family, _NONE_HELD)
        frames = self.frames
        while frames:
            top = frames[-1]
            # a GB/T style (ranked) cannot nest under a speech enumeration (unranked) if it is
            # structural, nor under a GB/T style of its own rank or lower
            cannot_hold = rank is not None and (rank <= STRUCTURAL_RANK if top.rank is None else top.rank >= rank)
            if not (cannot_hold or top.family in held):
                return
            frames.pop()
            self.families.pop()


_NONE_HELD: frozenset[str] = frozenset()


def assign_levels(candidates: list[Candidate], boundaries: list[int] | None = None) -> LevelResult:
    result = LevelResult()
    stack = _Stack()
    pending = sorted(boundaries or [])
    accept, last_ordinal = result.accepted.append, stack.last_ordinal
    for cand in candidates:
        while pending and pending[0] < cand.paragraph:
            pending.pop(0)
            stack.reset()
        outcome = _place(stack, cand)
        if type(outcome) is str and cand.fallback is not None:
            second = _place(stack, cand.fallback)  # a refused placement leaves the stack as it was
            if type(second) is not str:
                cand, outcome = cand.fallback, second
        if type(outcome) is str:
            result.rejected.append(Rejected(cand, outcome))
        else:
            level, ordinal, family = outcome
            last_ordinal[family] = ordinal
            accept(Levelled(cand, level, ordinal))
    return result


def _clause_parent(stack: _Stack, family: str, number: tuple[int, ...]) -> bool | str:
    """Rule 4: True when clause `number` stands under the clause its leading parts name, False
    when it may stand where it is, or why it cannot stand here.

    The nearest open clause of fewer parts must be a prefix of it (5.2.1 under 5.2, or under 5
    when 5.2 was not printed); with no clause open, 1.1 under a list must sit under its 一 / 1;
    with nothing open at all it opens a list (a standard whose automatic numbering was lost)."""
    if len(number) < 2:
        return False
    own = stack.position(family)
    above = stack.frames[:own] if own is not None else stack.frames
    for frame in reversed(above):
        if frame.number and len(frame.number) < len(number):
            if number[:len(frame.number)] == frame.number:
                return True
            break
    else:
        if len(number) > 2 or not above or above[-1].ordinal == number[0]:
            return False
    return f"clause {'.'.join(map(str, number))} stands under no clause {'.'.join(map(str, number[:-1]))}"


def _place(stack: _Stack, cand: Candidate) -> tuple[int, int, str] | str:
    style = cand.style
    family = style.list_family
    if style.numeral == "decimal":
        number = decimal_parts(cand.marker)  # a clause's full number
        under_parent = _clause_parent(stack, family, number) if len(number) >= 2 else False
        if isinstance(under_parent, str):
            return under_parent
    else:
        number, under_parent = (), False
    families = stack.families
    if family in families:  # `stack.position(family)`, inline: this runs for every candidate
        index = len(families) - 1
        while families[index] != family:
            index -= 1
        frame = stack.frames[index]
        ordinal = cand.ordinal or frame.ordinal + 1
        if cand.weak and ordinal != frame.ordinal + 1:
            return f"{cand.marker} looks like a number and does not count on the open list"
        new_parent = number[:-1] != frame.number[:-1]  # 6.3.5.2 after 6.3.4.3: another clause's list
        if ordinal < frame.ordinal and ordinal != 1 and not new_parent:
            return f"counts back from {frame.ordinal} to {ordinal}"
        stack.close_below(index)
        frame.ordinal, frame.number = ordinal, number
        return index + 1, ordinal, family

    for other in style.may_continue:
        index = stack.position(other)
        if index is not None and cand.ordinal == stack.frames[index].ordinal + 1:
            stack.close_below(index)
            stack.frames[index].ordinal = cand.ordinal
            return index + 1, cand.ordinal, other

    if cand.weak:
        return f"{cand.marker} looks like a number and continues no open list"
    if cand.ordinal == 1:
        stack.make_room(family, style.rank)
        return stack.push(family, style.rank, 1, number), 1, family
    if cand.ordinal == 0:
        return "closes a sequence that is not open"
    last = stack.last_ordinal.get(family)
    # a clause under the clause it names may skip numbers (1.3 under 1 when 1.2 is lost)
    counts_on = last is not None and (cand.ordinal > last or style.inserted and cand.ordinal == last)
    if style.carries_on and (counts_on or under_parent):
        stack.make_room(family, style.rank)
        return stack.push(family, style.rank, cand.ordinal, number), cand.ordinal, family
    return f"{BEGINS_NO_LIST} ({cand.marker})"
