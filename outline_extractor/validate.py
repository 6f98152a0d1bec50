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
    for siblings in sibling_groups(outline):
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


def sibling_groups(outline: list[Node]) -> Iterable[list[Node]]:
    yield outline
    for top in outline:
        for node in top.walk():
            if node.children:
                yield node.children


def numbered_lists(outline: list[Node]) -> list[list[Node]]:
    """The lists, each in document order, as the numbering counts them.

    Styles whose numbering runs on across parents (（三） under 二、 after （一）（二） under
    一、) form one list document-wide; the speech styles (一是) restart under each parent;
    decimal clauses count under the clause they name (5.2.x apart from 5.3.x). Inline items
    that carry on a heading list in the paragraph a heading opens (一是 heading, then
    二是…；三是… inline, then a 四是 heading) are members of that list. A number 1 starts a new list.
    """
    parent_of: dict[int, int] = {}
    for siblings in sibling_groups(outline):
        for node in siblings:
            for child in node.children:
                parent_of[id(child)] = id(node)
    lists: list[list[Node]] = []
    open_lists: dict[tuple, list[Node]] = {}
    heading_lists: set[tuple] = set()  # (family, parent) of the headings seen
    for node in _document_order(outline):
        style = STYLE_BY_NAME.get(node.style)
        family = style.list_family if style else node.style
        key = (family,) if style is None or style.carries_on else (family, parent_of.get(id(node)))
        if style is not None and style.numeral == "decimal":
            key = (family, decimal_parts(node.marker)[:-1])
        placed = (family, parent_of.get(id(node)))
        if node.kind == "heading":
            heading_lists.add(placed)
        elif placed not in heading_lists:
            continue
        if node.ordinal == 1 or key not in open_lists:
            open_lists[key] = []
            lists.append(open_lists[key])
        open_lists[key].append(node)
    return lists


def ordinal_gaps(outline: list[Node]) -> list[tuple[Node, str]]:
    """Headings whose number is not the one after the previous in their list, with why."""
    found = []
    for numbered in numbered_lists(outline):
        first = numbered[0]
        style = STYLE_BY_NAME.get(first.style)
        if first.kind == "heading" and style is not None and style.numeral == "decimal" and first.ordinal > 1:
            missing = _spell(first, 1, first.ordinal - 1)
            found.append((first, f"{first.marker} is the first of its clause: {missing} missing"))
        for previous, node in zip(numbered, numbered[1:]):
            if node.kind != "heading":
                continue
            if node.ordinal > previous.ordinal + 1:
                missing = _spell(node, previous.ordinal + 1, node.ordinal - 1)
                found.append((node, f"{node.marker} follows number {previous.ordinal}: {missing} missing"))
            elif node.ordinal <= previous.ordinal:
                found.append((node, f"{node.marker} repeats or goes back after number {previous.ordinal}"))
    return found


def _gaps(outline: list[Node]) -> list[Diagnostic]:
    return [_diagnostic("ordinal-gap", message, node) for node, message in ordinal_gaps(outline)]


def mixed_forms(siblings: list[Node]) -> list[tuple[Node, Node]]:
    """Nodes of one list (same family, same parent) printed in another form than the list's
    form so far (1、 after 1.), each with the node that set that form."""
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
            found.append((node, forms[key][1]))
            forms[key] = (form, node)
    return found


def _mixed_forms(siblings: list[Node]) -> list[Diagnostic]:
    """One list printed in more than one form: 1. beside 1、."""
    return [
        _diagnostic("mixed-style", f"{node.marker} beside {first.marker} in one list", node)
        for node, first in mixed_forms(siblings)
    ]


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
