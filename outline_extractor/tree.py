"""Levelled headings and inline runs to the node tree.

A heading's own text runs from its marker to the next heading; its title is the first
sentence after the marker. Inline items hang under the heading whose own text holds their
paragraph (or at the top when no heading comes before them); an item's title runs to its
`；` or `。`, or to the next item.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .detect import Candidate, InlineRun
from .levels import Levelled
from .models import Node, Span
from .normalize import Normalized

#: A heading's title ends at the first of these.
HEADING_TITLE_END = re.compile(r"[。！？!?；;：:]")
#: An inline item's title ends at the first of these.
ITEM_TITLE_END = re.compile(r"[。！？!?；;]")
_SENTENCE_END = re.compile(r"[。！？!?]")
_TRAILING = " ，,、"


def build_tree(norm: Normalized, headings: list[Levelled], runs: list[InlineRun]) -> list[Node]:
    text = norm.text
    headings = sorted(headings, key=lambda h: h.candidate.start)
    starts = [h.candidate.start for h in headings]
    nodes: list[Node] = []
    for index, levelled in enumerate(headings):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        nodes.append(_heading_node(norm, levelled, end))

    roots: list[Node] = []
    open_by_level: list[Node] = []
    for node in nodes:
        del open_by_level[node.level - 1:]
        if open_by_level:
            open_by_level[-1].children.append(node)
        else:
            roots.append(node)
        open_by_level.append(node)

    by_paragraph = {h.candidate.paragraph: (h, node) for h, node in zip(headings, nodes)}
    for run in _outermost_first(runs):
        _attach_run(norm, run, headings, nodes, starts, by_paragraph, roots)
    for node in [*roots, *(n for root in roots for n in root.walk())]:
        node.children.sort(key=lambda child: child.span.start)
    roots.sort(key=lambda node: node.span.start)
    return roots


def _heading_node(norm: Normalized, levelled: Levelled, own_end: int) -> Node:
    cand = levelled.candidate
    paragraph = norm.paragraphs[cand.paragraph]
    body_start = _skip_spaces(norm.text, cand.end, paragraph.end)
    title_match = HEADING_TITLE_END.search(norm.text, body_start, paragraph.end)
    title_end = title_match.start() if title_match else paragraph.end
    own_end = _trim_end(norm.text, body_start, own_end)
    return Node(
        kind="heading",
        style=cand.style.name,
        marker=cand.marker,
        ordinal=levelled.ordinal,
        level=levelled.level,
        title=norm.text[body_start:title_end].strip(),
        text=norm.text[body_start:own_end],
        span=Span(start=cand.start, end=own_end, line=norm.line_at(cand.start)),
    )


def _outermost_first(runs: list[InlineRun]) -> list[InlineRun]:
    return sorted(runs, key=lambda run: (run.items[0].start, -len(run.items)))


def _attach_run(norm, run, headings, nodes, starts, by_paragraph, roots) -> None:
    paragraph = norm.paragraphs[run.paragraph]
    items = run.items
    opening = by_paragraph.get(run.paragraph)
    siblings_of = None
    if run.opens_paragraph and opening is not None and opening[0].candidate.start == items[0].start:
        siblings_of = opening[1]
        items = items[1:]
    owner = _owner(paragraph.start, headings, nodes, starts) if siblings_of is None else None

    ends = [item.start for item in items[1:]] + [_last_item_end(norm.text, items[-1], paragraph.end)]
    if siblings_of is not None:
        # 一是…；二是…；三是… as one paragraph: 一是 is the heading, the rest its siblings
        ends[-1] = siblings_of.span.end
        _cut_own_text(norm, siblings_of, items[0].start)
        parent, level = _parent_of(siblings_of, roots), siblings_of.level
    else:
        parent = _deepest_item_holding(owner, roots, items[0].start)
        level = parent.level + 1 if parent is not None else 1
    for item, end in zip(items, ends):
        node = _item_node(norm, item, end, level)
        if parent is None:
            roots.append(node)
        else:
            parent.children.append(node)


def _owner(offset: int, headings, nodes, starts) -> Node | None:
    index = bisect_right(starts, offset) - 1
    return nodes[index] if index >= 0 else None


def _deepest_item_holding(owner: Node | None, roots: list[Node], offset: int) -> Node | None:
    """The owner heading, or an item of an earlier run in the same paragraph that holds `offset`."""
    pool = owner.children if owner is not None else roots
    holder = owner
    while True:
        inner = next(
            (c for c in pool if c.kind == "item" and c.span.start < offset < c.span.end),
            None,
        )
        if inner is None:
            return holder
        holder, pool = inner, inner.children


def _parent_of(node: Node, roots: list[Node]) -> Node | None:
    for root in roots:
        for candidate in root.walk():
            if any(child is node for child in candidate.children):
                return candidate
    return None


def _cut_own_text(norm: Normalized, node: Node, end: int) -> None:
    body_start = node.span.end - len(node.text)
    end = _trim_end(norm.text, body_start, end)
    node.text = norm.text[body_start:end]
    node.span = Span(start=node.span.start, end=end, line=node.span.line)


def _item_node(norm: Normalized, item: Candidate, end: int, level: int) -> Node:
    body_start = _skip_spaces(norm.text, item.end, end)
    end = _trim_end(norm.text, body_start, end)
    title_match = ITEM_TITLE_END.search(norm.text, body_start, end)
    title_end = title_match.start() if title_match else end
    return Node(
        kind="item",
        style=item.style.name,
        marker=item.marker,
        ordinal=item.ordinal,
        level=level,
        title=norm.text[body_start:title_end].rstrip(_TRAILING),
        text=norm.text[body_start:end],
        span=Span(start=item.start, end=end, line=norm.line_at(item.start)),
    )


def _last_item_end(text: str, item: Candidate, paragraph_end: int) -> int:
    match = _SENTENCE_END.search(text, item.end, paragraph_end)
    return match.end() if match else paragraph_end


def _skip_spaces(text: str, start: int, limit: int) -> int:
    while start < limit and text[start] == " ":
        start += 1
    return start


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \n":
        end -= 1
    return end
