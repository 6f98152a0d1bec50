"""The finished tree to diagnostics: numbering that skips or repeats, lists in mixed forms.

Odd numbering is reported, never raised: the tree is still returned.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import DeclaredCount, Diagnostic, Node
from .numerals import int_to_cn
from .styles import STYLE_BY_NAME, decimal_parts, marker_form


def numbering_diagnostics(outline: list[Node]) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    for siblings in _sibling_groups(outline):
        diagnostics.extend(_mixed_forms(siblings))
    diagnostics.extend(_gaps(outline))
    if not outline:
        diagnostics.append(
            Diagnostic(code="no-numbering", severity="info", message="no numbered headings or enumerations found")
        )
    diagnostics.sort(key=lambda d: d.line or 0)
    return diagnostics


def count_diagnostics(declared: list[DeclaredCount]) -> list[Diagnostic]:
    """A declared count (讲三点意见) that differs from the list that follows it."""
    found = []
    for d in declared:
        if d.count is not None and d.found is not None and d.count != d.found:
            found.append(
                Diagnostic(
                    code="count-mismatch",
                    severity="warning",
                    message=f"line {d.line} declares {d.phrase} ({d.count}); the list at line {d.found_line} has {d.found}",
                    line=d.line,
                )
            )
    return found


def _sibling_groups(outline: list[Node]) -> Iterable[list[Node]]:
    yield outline
    for top in outline:
        for node in top.walk():
            if node.children:
                yield node.children


def _gaps(outline: list[Node]) -> list[Diagnostic]:
    """Per list, in document order: each number should be the one after the last.

    Styles whose numbering runs on across parents (（三） after （一）（二） in the previous
    section) are followed document-wide; the speech styles (一是) restart under each parent.
    A restart at 1 is a new list, never a gap.
    """
    found = []
    last: dict[tuple, int] = {}
    heading_lists: set[tuple] = set()  # (family, parent) of the headings seen
    parent_of: dict[int, int] = {}
    for siblings in _sibling_groups(outline):
        for node in siblings:
            for child in node.children:
                parent_of[id(child)] = id(node)
    for node in _document_order(outline):
        style = STYLE_BY_NAME.get(node.style)
        family = style.list_family if style else node.style
        key = (family,) if style is None or style.carries_on else (family, parent_of.get(id(node)))
        if style is not None and style.numeral == "decimal":
            key = (family, decimal_parts(node.marker)[:-1])  # 5.2.x count apart from 5.3.x
        placed = (family, parent_of.get(id(node)))
        if node.kind != "heading":
            if placed in heading_lists:  # 二是…；三是… going on in the paragraph a 一是 heading opens
                last[key] = node.ordinal
            continue
        heading_lists.add(placed)
        previous = last.get(key)
        last[key] = node.ordinal
        if style is not None and style.numeral == "decimal" and previous is None and node.ordinal > 1:
            missing = _spell(node, 1, node.ordinal - 1)
            found.append(_diagnostic("ordinal-gap", f"{node.marker} is the first of its clause: {missing} missing", node))
            continue
        if node.ordinal == 1 or previous is None:
            continue
        if node.ordinal > previous + 1:
            missing = _spell(node, previous + 1, node.ordinal - 1)
            found.append(_diagnostic("ordinal-gap", f"{node.marker} follows number {previous}: {missing} missing", node))
        elif node.ordinal <= previous:
            found.append(_diagnostic("ordinal-gap", f"{node.marker} repeats or goes back after number {previous}", node))
    return found


def _mixed_forms(siblings: list[Node]) -> list[Diagnostic]:
    """One list (same family, same parent) printed in more than one form: 1. beside 1、."""
    found = []
    forms: dict[str, tuple[str, Node]] = {}
    for node in siblings:
        style = STYLE_BY_NAME.get(node.style)
        family = style.list_family if style else node.style
        form = marker_form(style, node.marker) if style else node.marker
        if style is not None and style.numeral == "sequence":
            form = "首先/其次"
        key = f"{node.kind}:{family}"
        if key not in forms:
            forms[key] = (form, node)
        elif forms[key][0] != form:
            first = forms[key][1]
            found.append(_diagnostic("mixed-style", f"{node.marker} beside {first.marker} in one list", node))
            forms[key] = (form, node)
    return found


def _document_order(outline: list[Node]) -> Iterable[Node]:
    for top in outline:
        yield from top.walk()


def _spell(node: Node, first: int, last: int) -> str:
    numbers = range(first, last + 1)
    style = STYLE_BY_NAME.get(node.style)
    if style is not None and style.numeral == "cn":
        words = [int_to_cn(n) for n in numbers if 1 <= n <= 999]
    elif style is not None and style.numeral == "decimal":
        prefix = "".join(f"{part}." for part in decimal_parts(node.marker)[:-1])
        words = [f"{prefix}{n}" for n in numbers]
    else:
        words = [str(n) for n in numbers]
    if len(words) > 4:
        words = words[:2] + ["…"] + words[-1:]
    return "、".join(words)


def _diagnostic(code: str, message: str, node: Node) -> Diagnostic:
    return Diagnostic(code=code, severity="warning", message=message, line=node.span.line)
