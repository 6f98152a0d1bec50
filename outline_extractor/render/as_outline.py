"""The one-line 【提纲】 summary of CONTRACT §3."""

from __future__ import annotations

from ..models import Document
from .common import AGENDA_LABEL, RenderOptions, agenda_lines, heading_line, visible_nodes

PREFIX = "【提纲】"


def render(document: Document, options: RenderOptions) -> str:
    """【提纲】 + every heading as marker + title + 。; a host script's agenda comes first:
    【提纲】会议议程：一是…。二是…。一、…。"""
    parts = []
    agenda = agenda_lines(document)
    if agenda:
        parts.append(f"{AGENDA_LABEL}：" + "".join(f"{line}。" for line in agenda))
    parts.extend(f"{heading_line(node)}。" for node in visible_nodes(document, options))
    return PREFIX + "".join(parts)
