"""The one-line 【提纲】 summary of CONTRACT §3."""

from __future__ import annotations

from ..models import Document
from .common import RenderOptions, heading_line, visible_nodes

PREFIX = "【提纲】"


def render(document: Document, options: RenderOptions) -> str:
    parts = [f"{heading_line(node)}。" for node in visible_nodes(document, options)]
    return PREFIX + "".join(parts)
