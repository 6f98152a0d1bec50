"""Meetings: the agenda a host script declares and opens item by item, and the counts a
speech declares (讲三点意见, 议程共有四项) checked against the list that follows.

Works on the finished tree (draft nodes from tree.py) and the normalised paragraphs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from . import phrases
from .normalize import Normalized
from .numerals import to_int
from .scan import Table
from .styles import STYLE_BY_NAME
from .traditional import fold
from .tree import DraftNode, DraftSpan

_LIST_REACH = 2  # a declared list starts within this many paragraphs after its declaration


class TreeIndex:
    """The draft tree in document order, with parents and paragraphs."""

    def __init__(self, norm: Normalized, outline: list[DraftNode]) -> None:
        self.norm = norm
        self.nodes: list[DraftNode] = []
        self.parent: dict[int, DraftNode | None] = {}
        for root in outline:
            self._add(root, None)
        self.nodes.sort(key=lambda node: node.span.start)
        self.starts = [node.span.start for node in self.nodes]
        starts = [p.start for p in norm.paragraphs]
        self.paragraph_of = {id(n): bisect_right(starts, n.span.start) - 1 for n in self.nodes}

    def _add(self, node: DraftNode, parent: DraftNode | None) -> None:
        self.nodes.append(node)
        self.parent[id(node)] = parent
        for child in node.children:
            self._add(child, node)

    def after(self, offset: int):
        """Nodes starting at or after `offset`, in document order."""
        return self.nodes[bisect_right(self.starts, offset - 1):]

    def run_of(self, first: DraftNode) -> list[DraftNode]:
        """`first` and the siblings that continue its list (same kind and style family)."""
        parent = self.parent[id(first)]
        siblings = parent.children if parent is not None else [n for n in self.nodes if self.parent[id(n)] is None]
        run, started = [], False
        for node in siblings:
            if node is first:
                started = True
            if not started:
                continue
            if node.kind != first.kind or _family(node) != _family(first):
                if run and node.kind == "heading" and first.kind == "heading":
                    break
                continue
            if run and node.ordinal == 1:
                break
            run.append(node)
        return run


def _family(node: DraftNode) -> str:
    style = STYLE_BY_NAME.get(node.style)
    return style.list_family if style else node.style


# --- declared counts ---------------------------------------------------------------------------

_COUNTS = Table(phrases.DECLARED_COUNTS, gate=phrases.DECLARED_COUNT_GATE)


@dataclass
class Declared:
    phrase: str
    count: int | None
    line: int
    start: int
    found: int | None = None
    found_line: int | None = None

    def as_fields(self) -> dict:
        """The fields of models.DeclaredCount."""
        return {k: v for k, v in vars(self).items() if k != "start"}


def declared_counts(norm: Normalized, index: TreeIndex) -> list[Declared]:
    """Each count the text declares, with the size of the list that follows it (if any)."""
    found: list[Declared] = []
    for number in norm.paragraphs_hit(_COUNTS):
        paragraph = norm.paragraphs[number]
        taken: list[tuple[int, int]] = []
        for pattern in phrases.DECLARED_COUNTS:
            for match in pattern.finditer(paragraph.folded):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                taken.append((match.start(), match.end()))
                start = paragraph.start + match.start()
                count = to_int(match.group("n")) if match.group("n") != "几" else None
                phrase = paragraph.text[match.start():match.end()]
                declared = Declared(phrase, count, norm.line_at(start), start)
                _measure(declared, number, paragraph.end, index)
                found.append(declared)
    found.sort(key=lambda d: d.start)
    return found


def _measure(declared: Declared, paragraph: int, paragraph_end: int, index: TreeIndex) -> None:
    """The list after a declaration: inline items later in its paragraph, else a new list of
    headings (starting at 1) in the next paragraphs, when the declaration ends its paragraph.
    The list's size is its last number (gaps are reported on their own)."""
    tail = index.norm.folded[declared.start:paragraph_end]
    ends_paragraph = len(tail) <= len(declared.phrase) + 30 and not re.search(r"[。！？!?]", tail[:-1])
    for node in index.after(declared.start + 1):
        node_paragraph = index.paragraph_of[id(node)]
        if node_paragraph > paragraph + _LIST_REACH:
            return
        if node.kind == "item" and node.span.start < paragraph_end:
            run = index.run_of(node)
        elif node.kind == "heading" and node_paragraph > paragraph and ends_paragraph and node.ordinal == 1:
            run = index.run_of(node)
        else:
            continue
        declared.found = max(n.ordinal for n in run)
        declared.found_line = run[0].span.line
        return


# --- agenda --------------------------------------------------------------------------------------


@dataclass
class Opening:
    ordinal: int
    paragraph: int
    start: int
    label: str | None
    speaker: str | None
    #: what the opening says the item is: its words after 第X项（议程）： up to the full stop
    words: str


@dataclass
class AgendaDraft:
    ordinal: int
    title: str
    label: str | None = None
    speaker: str | None = None
    line: int | None = None
    opening_line: int | None = None
    span: DraftSpan | None = None
    declaration: DraftSpan | None = None


_DECLARATION = Table([phrases.AGENDA_DECLARATION])
_MEETING_OPENED = Table([phrases.MEETING_OPENED])
_OPENING = Table([phrases.AGENDA_OPENING])


def find_agenda(norm: Normalized, index: TreeIndex) -> list[AgendaDraft]:
    declared, declared_at, count = _declared_items(norm, index)
    openings = _openings(norm, declared_at, count or len(declared))
    if not declared and not openings:
        openings = _host_steps(norm)
    items: dict[int, AgendaDraft] = {}
    for node in declared:
        items[node.ordinal] = AgendaDraft(
            node.ordinal, node.title, line=node.span.line,
            speaker=_speaker(node.title), declaration=node.span,
        )
    for position, opening in enumerate(openings):
        item = items.get(opening.ordinal)
        if item is None:
            if declared:
                continue  # an opening the declaration does not know
            item = items[opening.ordinal] = AgendaDraft(opening.ordinal, opening.words)
        item.opening_line = norm.line_at(opening.start)
        if item.line is not None and opening.label and _plain(opening.label) != _plain(item.title):
            item.label = opening.label
        item.speaker = opening.speaker or item.speaker
        end = openings[position + 1].start if position + 1 < len(openings) else _host_resumes(norm, opening.paragraph)
        end = _trim(norm.text, opening.start, end)
        item.span = DraftSpan(opening.start, end, item.opening_line)
        item.speaker = _speakers(norm, opening, end) or item.speaker
    result = [items[n] for n in sorted(items)]
    return [item for item in result if item.title or item.label]


def _declared_items(norm: Normalized, index: TreeIndex) -> tuple[list[DraftNode], int, int | None]:
    """The agenda as declared: inline items of the declaring paragraph, or the numbered
    paragraphs right after it. Returns the items, where the declaration ends, and its count."""
    first: tuple[int, int | None] | None = None
    for number in norm.paragraphs_hit(_DECLARATION):
        paragraph = norm.paragraphs[number]
        match = phrases.AGENDA_DECLARATION.search(paragraph.folded)
        if not match or phrases.AGENDA_OPENING.search(paragraph.folded):
            continue  # an item's opening (进行第三项议程：…) declares nothing
        count_text = match.group("n") or match.group("n2")
        count = to_int(count_text) if count_text and count_text != "几" else None
        first = first or (paragraph.end, count)
        items = _items_after(index, number, paragraph.start + match.end(), paragraph.end)
        if items:
            end = norm.paragraph_at(items[-1].span.start).end
            return items, end, count
    return ([], *first) if first else ([], 0, None)


def _items_after(index: TreeIndex, number: int, after: int, paragraph_end: int) -> list[DraftNode]:
    for node in index.after(after):
        node_paragraph = index.paragraph_of[id(node)]
        if node.kind == "item" and node.span.start < paragraph_end and node.ordinal == 1:
            return index.run_of(node)
        if node.kind == "heading" and number < node_paragraph <= number + 1 and node.ordinal == 1:
            return index.run_of(node)
        if node_paragraph > number + 1:
            break
    return []


def _openings(norm: Normalized, after: int, count: int) -> list[Opening]:
    openings: list[Opening] = []
    for number in norm.paragraphs_hit(_OPENING):
        paragraph = norm.paragraphs[number]
        if paragraph.end <= after:
            continue
        match = phrases.AGENDA_OPENING.search(paragraph.folded)
        if not match:
            continue
        if match.group("last"):
            ordinal = count or (openings[-1].ordinal + 1 if openings else 0)
        else:
            ordinal = to_int(match.group("num")) or 0
        if ordinal < 1 or any(o.ordinal == ordinal for o in openings):
            continue
        rest, rest_folded = paragraph.text[match.end():], paragraph.folded[match.end():]
        words = re.match(r"[：:，,]?\s*(?P<words>[^。！!]*)", rest_folded)
        openings.append(
            Opening(
                ordinal, number, paragraph.start, _label(rest, rest_folded),
                _speaker(paragraph.text[match.start():], paragraph.folded[match.start():]),
                rest[words.start("words"):words.end("words")].rstrip("；;，, "),
            )
        )
    return openings


def _host_steps(norm: Normalized) -> list[Opening]:
    """Without a declaration or numbered openings, a host script's agenda is its steps:
    首先，请…同志传达…。 接下来，观看…。 下面请…同志讲话。 (numbered in order of appearance)."""
    if not norm.paragraphs_hit(_MEETING_OPENED):
        return []
    steps: list[Opening] = []
    for number, paragraph in enumerate(norm.paragraphs):
        match = phrases.HOST_STEP.match(paragraph.folded)
        if match:
            words = paragraph.text[match.start("words"):match.end("words")]
            steps.append(Opening(len(steps) + 1, number, paragraph.start, None, _speaker(words), words))
    return steps if len(steps) >= 2 else []


def _label(rest: str, folded: str) -> str | None:
    """议程：开展专题学习。 → 开展专题学习; a hand-over (请…, 让我们…) is no label."""
    match = re.match(r"[：:]\s*(?P<label>[^。；;，,！!]{2,24})[。；;！!]?", folded)
    if not match or match.group("label").startswith(("请", "让我们", "欢迎", "由", "大家")):
        return None
    return rest[match.start("label"):match.end("label")]


def _speaker(text: str, folded: str | None = None) -> str | None:
    """The one a hand-over names: 请X同志作… first, else 请X作…."""
    folded = fold(text) if folded is None else folded
    for pattern in phrases.SPEAKER_IN_ITEM:
        match = pattern.search(folded)
        if match:
            who = text[match.start("who"):match.end("who")].strip()
            return (who[:-2] if fold(who).endswith("同志") else who) or None
    return None


def _speakers(norm: Normalized, opening: Opening, end: int) -> str | None:
    """Who speaks in an item: the one the opening hands over to, and any further hand-over
    lines of their own in the item (several units reporting in turn), joined with 、."""
    names = [opening.speaker] if opening.speaker else []
    for paragraph in norm.paragraphs[opening.paragraph + 1:]:
        if paragraph.start >= end:
            break
        if phrases.HAND_OVER.match(paragraph.folded):
            name = _speaker(paragraph.text, paragraph.folded)
            if name and name not in names:
                names.append(name)
    return "、".join(names) or None


def _host_resumes(norm: Normalized, opening_paragraph: int) -> int:
    for paragraph in norm.paragraphs[opening_paragraph + 1:]:
        if phrases.HOST_RESUMES.match(paragraph.folded):
            return paragraph.start
    return len(norm.text)


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \n":
        end -= 1
    return end


def _plain(text: str) -> str:
    return re.sub(r"[\s，,。；;：:、“”\"]", "", text)
