"""Levelled headings and inline runs to the node tree.

The tree is built from light drafts (`DraftNode`) that the Document turns into its Pydantic
`Node`s and checks in one walk of the whole tree (models._check_outline): building Pydantic
nodes one by one and validating them would cost several times as much.

A heading's own text runs from its marker to the next heading; its title is the first
sentence after the marker. Inline items hang under the heading whose own text holds their
paragraph (or at the top when no heading comes before them); an item's title runs to its
`；` or `。`, or to the next item.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import attrgetter

from . import lazyre
from .detect import Candidate, InlineRun
from .levels import Levelled
from .normalize import Normalized, Paragraph
from .styles import family_of

#: A heading's title ends at the first of these.
HEADING_TITLE_END = lazyre.compile(r"[。！？!?；;：:]")
#: An inline item's title ends at the first of these.
ITEM_TITLE_END = lazyre.compile(r"[。！？!?；;]")
_SENTENCE_END = lazyre.compile(r"[。！？!?]")
_TRAILING = " ，,、"


# Drafts are plain dataclasses, not slotted ones: a Document takes a draft's attribute dict
# as its node's (models._node_of), keys in the order of the fields of Node and Span.


@dataclass
class DraftSpan:
    start: int
    end: int
    line: int


@dataclass
class DraftNode:
    """The fields of models.Node, unvalidated, in their order (what a node hangs under while
    the tree is built is kept by the builder: a draft's attributes are Node's fields)."""

    kind: str
    style: str
    marker: str
    ordinal: int
    level: int
    title: str
    text: str
    span: DraftSpan
    children: list[DraftNode] = field(default_factory=list)

    def walk(self):
        # a stack, not recursive generators: each node is yielded once, however deep the tree
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def build_tree(norm: Normalized, headings: list[Levelled], runs: list[InlineRun]) -> list[DraftNode]:
    """The drafts of the headings and inline runs, as a tree. Both lists are used up (left
    empty): their candidates go as their drafts are made, so that on a large input candidates
    and drafts do not stand in memory together."""
    return _TreeBuilder(norm, headings).build(runs)


class _TreeBuilder:
    def __init__(self, norm: Normalized, headings: list[Levelled]) -> None:
        self.norm = norm
        ordered = sorted(headings, key=_CANDIDATE_START)
        headings.clear()
        self.starts = list(map(_CANDIDATE_START, ordered))
        #: the paragraph each heading opens, in order (a list to bisect, not a dict: ~50 bytes
        #: less a heading)
        self.heading_paragraphs = list(map(_CANDIDATE_PARAGRAPH, ordered))
        self.nodes = _heading_nodes(norm, ordered, self.starts[1:] + [len(norm.text)])  # empties `ordered`
        #: the heading each heading hangs under, in step with `nodes` (None: at the top)
        self.heading_parents: list[DraftNode | None] = []
        #: the item an item hangs under, by id(item), for items inside items: the walks up
        #: from an item stop at the first node that is no item
        self.item_parents: dict[int, DraftNode] = {}
        #: the nodes that items were given to (by id; 0: the top), whose children may be out
        #: of order (`_in_document_order`)
        self.adopters: dict[int, DraftNode | None] = {}
        self.roots: list[DraftNode] = []
        #: items made so far in each paragraph, in order: their starts, and the nodes
        self.items_in: dict[int, tuple[list[int], list[DraftNode]]] = {}
        #: per paragraph: (searched from, full stop found or paragraph end, sentence end)
        self.sentence_ends: dict[int, tuple[int, int, int]] = {}

    def build(self, runs: list[InlineRun]) -> list[DraftNode]:
        open_by_level: list[DraftNode] = []
        roots, parents = self.roots, self.heading_parents
        for node in self.nodes:
            del open_by_level[node.level - 1:]
            if open_by_level:
                parent = open_by_level[-1]
                parent.children.append(node)
            else:
                parent = None
                roots.append(node)
            parents.append(parent)
            open_by_level.append(node)
        # in start order (reversed, as pop() takes from the end): each run goes once its items are drafts
        pending = sorted(runs, key=lambda run: (run.items[0].start, -len(run.items)))
        pending.reverse()
        runs.clear()
        while pending:
            self._attach_run(pending.pop())
        roots.sort(key=_start)
        _in_document_order(roots, list(self.adopters.values()))
        return roots

    def _adopt(self, parent: DraftNode | None, node: DraftNode) -> None:
        if parent is None:
            self.roots.append(node)
        else:
            parent.children.append(node)
            if parent.kind == "item":
                self.item_parents[id(node)] = parent
        self.adopters[id(parent) if parent is not None else 0] = parent

    def _attach_run(self, run: InlineRun) -> None:
        norm = self.norm
        paragraph = norm.paragraphs[run.paragraph]
        items = run.items
        opening_index = self._heading_opening(run.paragraph)
        opening = self.nodes[opening_index] if opening_index is not None else None
        ends = [item.start for item in items[1:]] + [self._last_item_end(run.paragraph, items[-1].end, paragraph.end)]
        if run.opens_paragraph and opening is not None and opening.span.start == items[0].start:
            # 一是…；二是…；三是… as one paragraph: 一是 is the heading, the rest its siblings
            ends = ends[1:]
            items = items[1:]
            ends[-1] = opening.span.end
            _cut_own_text(norm, opening, items[0].start)
            parent, level = self.heading_parents[opening_index], opening.level
        else:
            enclosing = self._outside_own_family(
                self._innermost_item(run.paragraph, items[0].start), run.style.list_family, items[0].start
            )
            parent = enclosing or self._owner(paragraph.start)
            level = parent.level + 1 if parent is not None else 1
            if enclosing is not None:
                # a run inside an item stays inside it: what starts past its end is placed anew
                inside = sum(item.start < enclosing.span.end for item in items)
                if inside < len(items):
                    self._attach_run(InlineRun(run.style, items[inside:], run.paragraph))
                items, ends = items[:inside], ends[:inside]
                ends[-1] = min(ends[-1], enclosing.span.end)
        starts, made = self.items_in.setdefault(run.paragraph, ([], []))
        for item, end in zip(items, ends):
            node = _item_node(norm, paragraph, item, end, level)
            self._adopt(parent, node)
            at = bisect_right(starts, node.span.start)  # runs come by start, not their items
            starts.insert(at, node.span.start)
            made.insert(at, node)

    def _heading_opening(self, paragraph: int) -> int | None:
        """Where in `nodes` the heading that opens `paragraph` stands (the last, should two)."""
        index = bisect_right(self.heading_paragraphs, paragraph) - 1
        return index if index >= 0 and self.heading_paragraphs[index] == paragraph else None

    def _last_item_end(self, paragraph: int, start: int, paragraph_end: int) -> int:
        """The end of the sentence a run's last item is in. The search is remembered per
        paragraph: a search from any start up to the stop it found finds that stop again, so
        many runs in one long paragraph without a full stop cost one scan, not one each."""
        searched_from, stop, end = self.sentence_ends.get(paragraph, (-1, -1, -1))
        if not searched_from <= start <= stop:
            match = _SENTENCE_END.search(self.norm.text, start, paragraph_end)
            stop, end = (match.start(), match.end()) if match else (paragraph_end, paragraph_end)
            self.sentence_ends[paragraph] = (start, stop, end)
        return end

    def _owner(self, offset: int) -> DraftNode | None:
        """The heading whose own text holds `offset`."""
        index = bisect_right(self.starts, offset) - 1
        return self.nodes[index] if index >= 0 else None

    def _outside_own_family(self, node: DraftNode | None, family: str, start: int) -> DraftNode | None:
        """The item a run starting at `start` goes in: `node` or one above it, never inside an
        item of the run's own family (1.…；2.…；1.…；2.… is two lists side by side, not one
        inside the other, and nesting cannot grow deeper than there are families). The items
        it steps out of end where the run starts."""
        chain = []
        while node is not None and node.kind == "item":
            chain.append(node)
            node = self.item_parents.get(id(node))
        own = [index for index, item in enumerate(chain) if family_of(item.style) == family]
        if not own:
            return chain[0] if chain else None
        for item in chain[:own[-1] + 1]:
            _cut_own_text(self.norm, item, start)
        return chain[own[-1] + 1] if own[-1] + 1 < len(chain) else None

    def _innermost_item(self, paragraph: int, offset: int) -> DraftNode | None:
        """The item of an earlier run in the same paragraph whose text holds `offset`."""
        starts, made = self.items_in.get(paragraph, ([], []))
        index = bisect_right(starts, offset) - 1
        node = made[index] if index >= 0 else None
        while node is not None and node.kind == "item":
            if node.span.start < offset < node.span.end:
                return node
            node = self.item_parents.get(id(node))
        return None


def _in_document_order(roots: list[DraftNode], adopters: list[DraftNode | None]) -> None:
    """Sort each node's children, and hand a child that starts after a later sibling of its
    parent to that sibling (the last one before it): the walk is then in document order.

    It happens where a paragraph opens with 一是 and goes on with 二是…；三是…: what follows
    the paragraph nests under the 一是 heading, but comes after 三是 (siblings share a level,
    so the child keeps its own).

    Only where items went (`adopters`, None: the top) can the order be wrong: headings are
    given to their parents in document order, and a heading's children all come before its
    next sibling heading. So the adopters' children are sorted, and their lists of children
    (and the lists of the siblings that were handed children) are looked through, the
    shallower first (handing on changes only the lists one level down), not the whole tree."""
    # the parents (None: the top) whose children are to be looked through, by depth (a
    # parent, not its list: handing on gives a parent a new list)
    by_depth: dict[int, list[DraftNode | None]] = {}
    for adopter in adopters:
        if adopter is not None and len(adopter.children) > 1:
            adopter.children.sort(key=_start)
        by_depth.setdefault(adopter.level if adopter is not None else 0, []).append(adopter)
    depth = 0
    while by_depth:
        for parent in by_depth.pop(depth, ()):
            receivers = _hand_on_late_children(parent.children if parent is not None else roots)
            if receivers:
                by_depth.setdefault(depth + 1, []).extend(receivers)
        depth += 1


def _hand_on_late_children(siblings: list[DraftNode]) -> list[DraftNode]:
    """Sort the children of each of `siblings` and hand those that start after the next
    sibling on to the sibling they fall in; the siblings that were handed some."""
    starts = None  # of the siblings, made when a child may belong to a later one
    receivers: dict[int, DraftNode] = {}  # by id, in the order first handed a child
    last = len(siblings) - 1
    for index, node in enumerate(siblings):
        children = node.children
        if not children:
            continue
        if len(children) > 1:
            children.sort(key=_start)
        if index < last and children[-1].span.start > siblings[index + 1].span.start:
            following = siblings[index + 1].span.start
            if starts is None:
                starts = [sibling.span.start for sibling in siblings]
            keep = [child for child in children if child.span.start < following]
            for child in children[len(keep):]:
                receiver = siblings[bisect_left(starts, child.span.start) - 1]
                receiver.children.append(child)
                receivers[id(receiver)] = receiver
            node.children = keep
    return list(receivers.values())


#: A node's start, the key its siblings are sorted by (read in C: no Python call a node).
_start = attrgetter("span.start")
_CANDIDATE_START, _CANDIDATE_PARAGRAPH = attrgetter("candidate.start"), attrgetter("candidate.paragraph")


def _heading_nodes(norm: Normalized, headings: list[Levelled], own_ends: list[int]) -> list[DraftNode]:
    """A draft for each heading, its own text running to `own_ends` (one loop: this runs for
    every heading of the text). Both lists are used up: a candidate goes once its draft is made."""
    text, paragraphs, title_end_at = norm.text, norm.paragraphs, HEADING_TITLE_END.search
    nodes = []
    headings.reverse()
    own_ends.reverse()
    while headings:
        cand, own_end = headings.pop(), own_ends.pop()
        level, ordinal, cand = cand.level, cand.ordinal, cand.candidate
        paragraph = paragraphs[cand.paragraph]
        paragraph_end = paragraph.start + len(paragraph.text)  # paragraph.end, without a call
        body_start = cand.end
        while body_start < paragraph_end and text[body_start] == " ":
            body_start += 1
        title_match = title_end_at(text, body_start, paragraph_end)
        title_end = title_match.start() if title_match else paragraph_end
        own_text = text[body_start:own_end].rstrip(" \n")  # `_trim_end`, in C
        own_end = body_start + len(own_text)
        if body_start == paragraph_end:
            body_start, title_end = _title_on_next_line(norm, cand.paragraph, own_end, body_start, title_end)
            own_text = text[body_start:own_end]
        title = text[body_start:title_end].strip()
        start, pieces = cand.start, paragraph.pieces
        line = pieces[0][1] if len(pieces) == 1 else norm.line_at(start)  # _line_in, without a call
        nodes.append(DraftNode(
            "heading", cand.style.name, cand.marker, ordinal, level,
            own_text if title == own_text else title,  # one string where they are the same
            own_text, DraftSpan(start, own_end, line),
        ))
    return nodes


def _line_in(norm: Normalized, paragraph: Paragraph, offset: int) -> int:
    """`norm.line_at(offset)` for an offset inside `paragraph`: a paragraph of one input line,
    most of them, answers without a search."""
    pieces = paragraph.pieces
    return pieces[0][1] if len(pieces) == 1 else norm.line_at(offset)


#: A line that is a title on its own: short, no sentence or clause punctuation; a term entry's
#: title may add its English equivalent (定期评价 periodic review, GB/T 1.1 term entries).
_TITLE_LINE = lazyre.compile(r"[^。！？!?；;，,：:]{2,24}(?: [A-Za-z][A-Za-z '()/-]{0,60})?")


def _title_on_next_line(norm: Normalized, paragraph: int, own_end: int, body_start: int, title_end: int) -> tuple[int, int]:
    """A marker alone on its line (一, 第一章) whose title stands on the next line (当前的形势)."""
    if paragraph + 1 >= len(norm.paragraphs):
        return body_start, title_end
    following = norm.paragraphs[paragraph + 1]
    if following.end <= own_end and _TITLE_LINE.fullmatch(following.text):
        return following.start, following.end
    return body_start, title_end


def _cut_own_text(norm: Normalized, node: DraftNode, end: int) -> None:
    body_start = node.span.end - len(node.text)
    end = max(_trim_end(norm.text, body_start, end), node.span.start)
    node.text = norm.text[body_start:end]
    node.title = node.title[:len(node.text)].rstrip(_TRAILING)
    node.span = DraftSpan(start=node.span.start, end=end, line=node.span.line)


def _item_node(norm: Normalized, paragraph: Paragraph, item: Candidate, end: int, level: int) -> DraftNode:
    text = norm.text
    body_start = _skip_spaces(text, item.end, end)
    end = _trim_end(text, body_start, end)
    title_match = ITEM_TITLE_END.search(text, body_start, end)
    title_end = title_match.start() if title_match else end
    own_text = text[body_start:end]
    title = text[body_start:title_end].rstrip(_TRAILING)
    return DraftNode(
        "item", item.style.name, item.marker, item.ordinal, level,
        own_text if title == own_text else title,  # one string where they are the same
        own_text, DraftSpan(item.start, end, _line_in(norm, paragraph, item.start)),
    )


def _skip_spaces(text: str, start: int, limit: int) -> int:
    while start < limit and text[start] == " ":
        start += 1
    return start


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \n":
        end -= 1
    return end
