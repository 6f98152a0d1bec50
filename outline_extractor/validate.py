"""The finished tree to diagnostics: numbering that skips or repeats, lists in mixed forms.

Odd numbering is reported, never raised: the tree is still returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from itertools import islice, repeat
from operator import attrgetter

from .models import DeclaredCount, Diagnostic, Node
from .numerals import int_to_cn
from .styles import STYLE_BY_NAME, decimal_parts, marker_form


def numbering_diagnostics(outline: list[Node]) -> list[Diagnostic]:
    mixed, lists = _read_lists(outline)
    diagnostics = [_diagnostic("mixed-style", f"{node.marker} beside {first.marker} in one list", node) for node, first in mixed]
    diagnostics.extend(_diagnostic("ordinal-gap", message, node) for node, message in _gaps_in(lists))
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
    return _read_lists(outline)[1]


def _read_lists(outline: list[Node]) -> tuple[list[tuple[Node, Node]], list[list[Node]]]:
    """One walk of the tree: each sibling group's nodes in another form than their list's
    (`mixed_forms`, groups in `sibling_groups` order) and the numbered lists (`numbered_lists`).

    A node's fields are read from its dict (`_fields`): this runs for every node of the text."""
    mixed = mixed_forms(outline) if len(outline) > 1 else []  # one node is never mixed
    lists: list[list[Node]] = []
    open_lists: dict[tuple, list[Node]] = {}
    heading_lists: set[tuple] = set()  # (family, parent) of the headings seen
    stack: list[tuple[Node, int | None]] = [(node, None) for node in reversed(outline)]
    facts, open_list, pop = _style_facts, open_lists.get, stack.pop
    while stack:  # document order
        node, parent = pop()
        while True:  # down a chain of only children without the stack
            fields = _fields(node)
            children = fields["children"]
            only_child = None
            if children:
                if len(children) == 1:
                    only_child = children[0]
                else:
                    mixed.extend(_mixed_pair(*children) if len(children) == 2 else mixed_forms(children))
                    stack.extend(zip(reversed(children), repeat(id(node))))
            family, document_wide, numeral = facts(fields["style"])
            placed = (family, parent)
            if fields["kind"] == "heading":
                heading_lists.add(placed)
                counted = True
            else:
                counted = placed in heading_lists
            if counted:
                if numeral == "decimal":
                    key: tuple = (family, _clause_of(fields["marker"]))
                else:
                    key = document_wide or placed
                current = open_list(key)
                if current is None or fields["ordinal"] == 1:
                    current = open_lists[key] = []
                    lists.append(current)
                current.append(node)
            if only_child is None:
                break
            parent, node = id(node), only_child
    return mixed, lists


#: A node's fields. Read from its dict where a walk visits every node: each attribute read
#: of a pydantic model goes through its `__getattr__` hook (~50 ns; a plain dict read ~10).
_fields = attrgetter("__dict__")


@lru_cache(maxsize=None)
def _style_facts(name: str) -> tuple[str, tuple[str] | None, str | None]:
    """(list family, the key of its one document-wide list when its numbering runs on across
    parents, numeral kind) of a style (an unknown style: its own family, running on)."""
    style = STYLE_BY_NAME.get(name)
    if style is None:
        return name, (name,), None
    family = style.list_family
    return family, (family,) if style.carries_on else None, style.numeral


@lru_cache(maxsize=4096)
def _clause_of(marker: str) -> tuple[int, ...]:
    """The clause a decimal number counts under: 5.2.1 → (5, 2)."""
    return decimal_parts(marker)[:-1]


def ordinal_gaps(outline: list[Node]) -> list[tuple[Node, str]]:
    """Headings whose number is not the one after the previous in their list, with why."""
    return _gaps_in(numbered_lists(outline))


def _gaps_in(lists: list[list[Node]]) -> list[tuple[Node, str]]:
    found = []
    for numbered in lists:
        first = numbered[0]
        if first.ordinal > 1 and first.kind == "heading" and _style_facts(first.style)[2] == "decimal":
            missing = _spell(first, 1, first.ordinal - 1)
            found.append((first, f"{first.marker} is the first of its clause: {missing} missing"))
        if len(numbered) == 1:
            continue
        for previous, node in zip(numbered, islice(numbered, 1, None)):
            if node.kind != "heading":
                continue
            if node.ordinal > previous.ordinal + 1:
                missing = _spell(node, previous.ordinal + 1, node.ordinal - 1)
                found.append((node, f"{node.marker} follows number {previous.ordinal}: {missing} missing"))
            elif node.ordinal < previous.ordinal or node.ordinal == previous.ordinal and not _inserted(node):
                found.append((node, f"{node.marker} repeats or goes back after number {previous.ordinal}"))
    return found


def _inserted(node: Node) -> bool:
    """第五条之一 after 第五条 (or 第五条之二 after 第五条之一) repeats its number by design."""
    style = STYLE_BY_NAME.get(node.style)
    return style is not None and style.inserted


def mixed_forms(siblings: list[Node]) -> list[tuple[Node, Node]]:
    """Nodes of one list (same family, same parent) printed in another form than the list's
    form so far (1、 after 1.), each with the node that set that form."""
    found = []
    forms: dict[tuple[str, str], tuple[str, Node]] = {}
    for node in siblings:
        fields = _fields(node)
        family, form = _family_and_form(fields["style"], fields["marker"])
        key = (fields["kind"], family)
        seen = forms.get(key)
        if seen is None:
            forms[key] = (form, node)
        elif seen[0] != form:
            found.append((node, seen[1]))
            forms[key] = (form, node)
    return found


def _mixed_pair(first: Node, second: Node) -> tuple[tuple[Node, Node], ...]:
    """`mixed_forms` of two siblings (the most common group of more than one): the second
    when it is of the first's kind and family and in another form."""
    first_fields, second_fields = _fields(first), _fields(second)
    if first_fields["kind"] != second_fields["kind"]:
        return ()
    family, form = _family_and_form(first_fields["style"], first_fields["marker"])
    second_family, second_form = _family_and_form(second_fields["style"], second_fields["marker"])
    return ((second, first),) if family == second_family and form != second_form else ()


@lru_cache(maxsize=4096)
def _family_and_form(style_name: str, marker: str) -> tuple[str, str]:
    """A marker's list family and the form it is printed in (styles.marker_form; 首先/其次 for
    a sequence)."""
    style = STYLE_BY_NAME.get(style_name)
    if style is None:
        return style_name, marker
    return style.list_family, "首先/其次" if style.numeral == "sequence" else marker_form(style, marker)


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
