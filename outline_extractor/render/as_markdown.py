"""A nested Markdown list under the title as a level-1 heading."""

from __future__ import annotations

from ..models import Document
from .common import AGENDA_LABEL, RenderOptions, agenda_lines, heading_line, visible_nodes


def render(document: Document, options: RenderOptions) -> str:
    lines = []
    if document.title:
        lines += [f"# {document.title}", ""]
    agenda = agenda_lines(document)
    if agenda:
        lines.append(f"- {AGENDA_LABEL}")
        lines.extend(f"  - {_escape(line)}" for line in agenda)
    for node in visible_nodes(document, options):
        lines.append("  " * (node.level - 1) + f"- {_escape(heading_line(node, spaced=True))}")
    return "\n".join(lines)


def _escape(text: str) -> str:
    """Keep Markdown from reading * _ ` [ ] < > in a title as markup."""
    for ch in "\\*_`[]<>":
        text = text.replace(ch, "\\" + ch)
    return text
