"""Renderers: a finished Document to text. One module per format; none of them parses."""

from __future__ import annotations

from collections.abc import Callable

from ..models import Document
from . import as_json, as_markdown, as_outline, as_tree
from .common import RenderOptions

RENDERERS: dict[str, Callable[[Document, RenderOptions], str]] = {
    "json": as_json.render,
    "outline": as_outline.render,
    "markdown": as_markdown.render,
    "tree": as_tree.render,
}
FORMATS = tuple(RENDERERS)


def render(
    document: Document,
    format: str = "json",
    *,
    depth: int | None = None,
    items: bool = False,
    indent: int | None = 2,
) -> str:
    """The document as `json`, `outline` (【提纲】), `markdown` or `tree`.

    depth: keep nodes down to this level (all formats). items: also show inline enumeration
    items (JSON always has them). indent: JSON indentation; None for one line.
    """
    try:
        renderer = RENDERERS[format]
    except KeyError:
        raise ValueError(f"unknown format {format!r}; choose from {', '.join(FORMATS)}") from None
    return renderer(document, RenderOptions(depth=depth, items=items, indent=indent))


__all__ = ["FORMATS", "RenderOptions", "render"]
