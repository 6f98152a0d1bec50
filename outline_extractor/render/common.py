"""What the renderers share: options and the walk over the nodes they show."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..models import Document, Node
from ..numerals import int_to_cn
from ..styles import STYLE_BY_NAME


@dataclass(frozen=True)
class RenderOptions:
    depth: int | None = None
    items: bool = False
    indent: int | None = 2


def shown(node: Node, options: RenderOptions) -> bool:
    if options.depth is not None and node.level > options.depth:
        return False
    return node.kind == "heading" or options.items


def lifts_children(node: Node, options: RenderOptions) -> bool:
    """An item hidden because items are not shown still shows the headings under it (一是…；
    二是…；三是… as one paragraph, then 1. 2. under 三是); a level hidden by depth hides all."""
    return node.kind == "item" and not options.items and (options.depth is None or node.level <= options.depth)


def visible_nodes(document: Document, options: RenderOptions) -> Iterator[Node]:
    """Nodes to show, in document order; a hidden node hides its subtree (but see
    `lifts_children`).

    The paragraphs or items that declare the agenda are shown once, as the agenda.
    """
    declared = agenda_declarations(document)

    def walk(nodes: list[Node]) -> Iterator[Node]:
        for node in nodes:
            if node.span.start in declared:
                continue
            if shown(node, options):
                yield node
                yield from walk(node.children)
            elif lifts_children(node, options):
                yield from walk(node.children)

    return walk(document.outline)


def agenda_declarations(document: Document) -> set[int]:
    return {item.declaration.start for item in document.agenda if item.declaration is not None}


AGENDA_LABEL = "会议议程"


def agenda_lines(document: Document) -> list[str]:
    """The agenda items as 一是…, 二是…, the form the 【提纲】 of a host script uses."""
    return [f"{int_to_cn(item.ordinal)}是{item.title}" for item in document.agenda if 1 <= item.ordinal <= 999]


def marker_as_printed(node: Node) -> str:
    """CONTRACT §3: Arabic markers (1. 1． 1、 ⒈) print as 1、; all others as printed."""
    style = STYLE_BY_NAME.get(node.style)
    if style is not None and style.list_family == "arabic_dot":
        return f"{node.ordinal}、"
    return node.marker


def heading_line(node: Node, spaced: bool = False) -> str:
    """Marker and title; `spaced` puts a space after word-like markers (第一章 总则) for reading."""
    style = STYLE_BY_NAME.get(node.style)
    if spaced and style is not None and style.spaced and node.title:
        return f"{marker_as_printed(node)} {node.title}"
    return marker_as_printed(node) + node.title
