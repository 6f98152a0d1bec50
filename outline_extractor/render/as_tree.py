"""An indented tree for the terminal, drawn like `tree`."""

from __future__ import annotations

from ..models import Document, Node
from .common import AGENDA_LABEL, RenderOptions, agenda_declarations, agenda_lines, heading_line, lifts_children, shown


def render(document: Document, options: RenderOptions) -> str:
    root = document.title or document.source.path or "(untitled)"
    lines = [root]
    declared = agenda_declarations(document)
    branches: list[tuple[str, list]] = []
    agenda = agenda_lines(document)
    if agenda:
        branches.append((AGENDA_LABEL, [(line, []) for line in agenda]))
    branches.extend(_branches(document.outline, options, declared))
    _draw(branches, "", lines)
    return "\n".join(lines)


def _branches(nodes: list[Node], options: RenderOptions, declared: set[int]) -> list[tuple[str, list]]:
    branches: list[tuple[str, list]] = []
    for node in nodes:
        if node.span.start in declared:
            continue
        if shown(node, options):
            branches.append((heading_line(node, spaced=True), _branches(node.children, options, declared)))
        elif lifts_children(node, options):
            branches.extend(_branches(node.children, options, declared))
    return branches


def _draw(branches: list[tuple[str, list]], prefix: str, lines: list[str]) -> None:
    for index, (label, children) in enumerate(branches):
        last = index == len(branches) - 1
        lines.append(f"{prefix}{'└── ' if last else '├── '}{label}")
        _draw(children, prefix + ("    " if last else "│   "), lines)
