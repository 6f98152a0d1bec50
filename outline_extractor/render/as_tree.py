"""An indented tree for the terminal, drawn like `tree`."""

from __future__ import annotations

from ..models import Document, Node
from .common import RenderOptions, heading_line, shown


def render(document: Document, options: RenderOptions) -> str:
    root = document.title or document.source.path or "(untitled)"
    lines = [root]
    _draw([n for n in document.outline if shown(n, options)], "", lines, options)
    return "\n".join(lines)


def _draw(nodes: list[Node], prefix: str, lines: list[str], options: RenderOptions) -> None:
    for index, node in enumerate(nodes):
        last = index == len(nodes) - 1
        lines.append(f"{prefix}{'└── ' if last else '├── '}{heading_line(node, spaced=True)}")
        children = [c for c in node.children if shown(c, options)]
        _draw(children, prefix + ("    " if last else "│   "), lines, options)
