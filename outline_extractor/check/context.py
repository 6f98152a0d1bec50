"""One parsed document with what every rule and the fixer need: the kind of document, where
each marker stands in the input, how each list should be numbered and each marker written."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..models import Document, Node
from ..styles import SEQUENCE_WORDS, STYLE_BY_NAME
from ..validate import numbered_lists, sibling_groups
from .conventions import CONVENTIONS, Kind, form_of, numeral_for, render, split_marker
from .source import InputText, MarkerPlace

#: Styles after which doubled punctuation (（一）、 ①.) belongs to the marker.
_NEEDS_NO_PUNCTUATION = {
    "cn_paren", "arabic_paren", "circled", "cn_paren_enclosed", "arabic_paren_enclosed", "arabic_dot_enclosed",
}
#: Families counted by the same ordinal words (首先/其次 with 第三).
ORDINAL_WORDS = "ordinal_words"


@dataclass
class Hit:
    """What a rule found: where (1-based line and column), what, and the marker a fix rewrites."""

    line: int
    col: int
    message: str
    node: Node | None = None


def family_of(node: Node) -> str:
    style = STYLE_BY_NAME.get(node.style)
    return style.list_family if style else node.style


class Context:
    def __init__(
        self, document: Document, source: InputText | None, kind: Kind, max_heading_length: int, by_content: bool = False
    ) -> None:
        """`source`: the input's lines, where markers are found and fixed. `by_content`: its
        lines are not the parser's (a .docx's typed paragraphs), so each heading is found by
        its marker and title, in order, and findings keep the parser's line."""
        self.document = document
        self.source = source
        self.kind = kind
        self.max_heading_length = max_heading_length
        self.by_content = by_content
        self.places: dict[int, MarkerPlace] = {}
        if source is not None:
            self._find_markers(source)
        #: node id → the ordinal its list position calls for, where it differs
        self.renumbered: dict[int, int] = self._renumbering()
        #: node id → (form it should have, "marker-punctuation" or "mixed-style")
        self.form_targets: dict[int, tuple[str, str]] = self._form_targets()

    # --- where -------------------------------------------------------------------------------

    def _find_markers(self, source: InputText) -> None:
        next_line = 0
        for node in self.document.headings():
            doubled = node.style in _NEEDS_NO_PUNCTUATION
            if self.by_content:
                place = source.find_heading_after(node, doubled, next_line)
            else:
                place = source.find_heading_marker(node, doubled)
            if place is not None:
                self.places[id(node)] = place
                next_line = place.line + 1

    def printed(self, node: Node) -> str:
        """The marker as the input prints it (with doubled punctuation), else as parsed."""
        place = self.places.get(id(node))
        return place.text if place else node.marker

    def position(self, node: Node) -> tuple[int, int]:
        place = self.places.get(id(node))
        if self.by_content:
            return node.span.line, 1
        if place is not None:
            return place.line + 1, place.start + 1
        if node.kind == "item" and self.source is not None:
            column = self.source.find_in_line(node.span.line, node.marker, self._occurrence(node))
            if column is not None:
                return node.span.line, column + 1
        return node.span.line, 1

    def _occurrence(self, node: Node) -> int:
        """How often the item's marker appears in its paragraph before it."""
        text = self.document.text
        paragraph_start = text.rfind("\n", 0, node.span.start) + 1
        return text.count(node.marker, paragraph_start, node.span.start)

    def hit(self, node: Node, message: str, fixable: bool = False) -> Hit:
        line, col = self.position(node)
        return Hit(line, col, message, node if fixable else None)

    def column_of(self, line: int, needle: str) -> int:
        column = self.source.find_in_line(line, needle) if self.source else None
        return (column or 0) + 1

    # --- lists -------------------------------------------------------------------------------

    def sibling_lists(self) -> Iterator[list[Node]]:
        """Siblings of one kind and family under one parent, in document order; a number 1
        after the first starts another list (the ten projects after the report's 三、)."""
        for siblings in sibling_groups(self.document.outline):
            groups: dict[tuple[str, str], list[list[Node]]] = {}
            for node in siblings:
                lists = groups.setdefault((node.kind, family_of(node)), [[]])
                if lists[-1] and node.ordinal == 1:
                    lists.append([])
                lists[-1].append(node)
            for lists in groups.values():
                yield from lists

    def _renumbering(self) -> dict[int, int]:
        wanted = {}
        for numbered in numbered_lists(self.document.outline):
            first = numbered[0].ordinal
            for index, node in enumerate(numbered):
                if node.ordinal != first + index:
                    wanted[id(node)] = first + index
        return wanted

    # --- forms -------------------------------------------------------------------------------

    def form(self, node: Node) -> str | None:
        return form_of(self.printed(node))

    def _form_targets(self) -> dict[int, tuple[str, str]]:
        targets: dict[int, tuple[str, str]] = {}
        for members in self.sibling_lists():
            first = members[0]
            convention = CONVENTIONS.get(first.style)
            if convention is None:
                continue
            same = [(node, self.form(node)) for node in members if node.style == first.style]
            same = [(node, form) for node, form in same if form is not None]
            target = _usual_form([form for _, form in same if convention.accepts(form, self.kind)], convention.canonical)
            for node, form in same:
                if not convention.accepts(form, self.kind):
                    targets[id(node)] = (target, "marker-punctuation")
                elif form != target:
                    targets[id(node)] = (target, "mixed-style")
        return targets

    # --- fixes -------------------------------------------------------------------------------

    def rewritten(self, node: Node, codes: set[str]) -> str | None:
        """The marker `--fix` writes for `node` when the fixes of `codes` apply; None when
        nothing changes or the marker cannot be rewritten safely (it was not found in the
        input, or its series has no such number)."""
        place = self.places.get(id(node))
        parts = split_marker(place.text) if place else None
        if place is None or parts is None:
            return None
        before, numeral, after = parts
        new_ordinal = self.renumbered.get(id(node)) if "ordinal-gap" in codes else None
        target = self.form_targets.get(id(node))
        new_form = target[0] if target and target[1] in codes else None
        if new_form is not None and numeral in SEQUENCE_WORDS:
            new_text = new_form.replace("N", numeral)  # 首先, → 首先，
        elif new_form is not None:
            written = numeral_for(numeral, new_ordinal or node.ordinal, keep_width=False)
            if written is None and new_ordinal is not None:
                return None
            new_text = render(new_form, written or numeral)
        elif new_ordinal is not None:
            written = numeral_for(numeral, new_ordinal, keep_width=True)
            if written is None:
                return None
            new_text = before + written + after  # spacing inside the marker stays
        else:
            return None
        return new_text if new_text != place.text else None


def _usual_form(accepted: list[str], canonical: str) -> str:
    """The form most markers of a list have (the first one's on a tie), else the canonical."""
    if not accepted:
        return canonical
    return max(accepted, key=lambda form: (accepted.count(form), -accepted.index(form)))
