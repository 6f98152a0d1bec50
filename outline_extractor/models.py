"""The document model: what the parser returns and what the JSON export is made of.

Field names follow CONTRACT §2 (schema_version "1"). Every invariant the tree promises
(levels nest, spans lie inside the text, ordinals start at 1) is checked here, so a
`Document` that exists is a valid one.
"""

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo, field_validator, model_validator

SCHEMA_VERSION = "1"

Severity = Literal["info", "warning", "error"]
NodeKind = Literal["heading", "item"]


def _new_list() -> list:
    """The default of list fields: a function, not `list`, whose signature pydantic reads
    without the tokenizer that a builtin's needs (~3 ms of start-up)."""
    return []


#: One set of field names per model class, shared by every instance that has all its fields set
_ALL_FIELDS: dict[type, set[str]] = {}


class _Model(BaseModel):
    # Stages build nodes piecemeal; revalidating instances when the Document is assembled
    # checks the finished tree once.
    model_config = ConfigDict(extra="forbid", revalidate_instances="always")

    @model_validator(mode="after")
    def _share_fields_set(self):
        """Pydantic gives each instance its own set of the fields it was given (~730 bytes for
        a Node, more than the node itself). An instance given all of them shares one set per
        class instead: the same names, and setting a field adds nothing to it. A 5 MB outline
        holds 200,000 nodes (their sets are shared by the Document's walk, `_check_outline`)."""
        _share_fields(self, _fields_of(type(self)))
        return self


def _fields_of(cls: type[BaseModel]) -> set[str]:
    """The one set of field names that instances of `cls` given all their fields share."""
    shared = _ALL_FIELDS.get(cls)
    if shared is None:
        shared = _ALL_FIELDS[cls] = set(cls.model_fields)
    return shared


def _share_fields(instance: BaseModel, shared: set[str]) -> None:
    own = instance.__pydantic_fields_set__
    if own is not shared and len(own) == len(shared) and own == shared:
        object.__setattr__(instance, "__pydantic_fields_set__", shared)


class _TreeModel(BaseModel):
    """Spans and nodes: a Document takes them as they are and checks its whole tree in one
    walk (`_check_outline`), so nothing here runs per instance inside a Document (field
    validators run only when an instance is built from its fields; a model validator would
    run for every node a Document is given, and revalidating would copy each one)."""

    model_config = ConfigDict(extra="forbid", revalidate_instances="never")


class Span(_TreeModel):
    """Character offsets into the normalised text, and the 1-based line of the input file."""

    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    line: Annotated[int, Field(ge=1, description="1-based line in the input file where the span starts")]

    @field_validator("end")
    @classmethod
    def _ordered(cls, end: int, info: ValidationInfo) -> int:
        start = info.data.get("start")
        if start is not None and end < start:
            raise ValueError(f"span ends before it starts: {start}..{end}")
        return end


class Node(_TreeModel):
    """A numbered heading (its marker opens a paragraph) or an inline enumeration item."""

    kind: NodeKind
    style: str = Field(description="numbering style id, e.g. cn_dun (一、), cn_paren (（一）), arabic_dot (1.), cn_shi (一是)")
    marker: str = Field(description="the marker exactly as printed, e.g. 一、 （一） 1． 一是")
    ordinal: Annotated[int, Field(ge=1)]
    level: Annotated[int, Field(ge=1)]
    title: str = Field(description="the heading sentence without marker and closing punctuation")
    text: str = Field(description="the node's own text (title sentence and body) up to the next node")
    span: Span = Field(description="from the marker to the end of the node's own text")
    children: list["Node"] = Field(default_factory=_new_list)

    @field_validator("children")
    @classmethod
    def _children_nest(cls, children: "list[Node]", info: ValidationInfo) -> "list[Node]":
        level, span, marker = info.data.get("level"), info.data.get("span"), info.data.get("marker")
        if level is not None and span is not None:
            for child in children:
                _check_child(marker, level, span.start, child)
        return children

    def walk(self):
        """This node and all its descendants, in document order."""
        # a stack, not recursive generators: each node is yielded once, however deep the tree
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def _check_child(marker: str, level: int, start: int, child: Node) -> None:
    if getattr(child, "level", None) is None or getattr(getattr(child, "span", None), "start", None) is None:
        raise ValueError(f"a child of {marker!r} lacks its level or span")
    if child.level != level + 1:
        raise ValueError(f"child {child.marker!r} at level {child.level} under {marker!r} at level {level}")
    if child.span.start < start:
        raise ValueError(f"child {child.marker!r} starts before its parent {marker!r}")


class AgendaItem(_Model):
    """One item of a meeting agenda, as declared, and where the text carries it out."""

    ordinal: Annotated[int, Field(ge=1)]
    title: str = Field(description="the item as the agenda declaration words it")
    label: str | None = Field(default=None, description="the name the item's opening uses, when it differs from title")
    speaker: str | None = Field(default=None, description="who speaks or reports in this item, where the text names one")
    line: int | None = Field(default=None, description="line of the declaration")
    opening_line: int | None = Field(default=None, description="line where the host opens the item")
    span: Span | None = Field(default=None, description="the text that belongs to the item: its opening to the next")
    declaration: Span | None = Field(default=None, description="where the agenda declaration states this item")


class Diagnostic(_Model):
    code: str
    severity: Severity
    message: str
    line: int | None = None


class Source(_Model):
    format: Literal["text", "docx", "html", "pdf"] | None = Field(
        default=None, description="which reader read the input: text (any encoding), docx, html or pdf"
    )
    path: str | None = None
    encoding: str
    sha256: str = Field(description="SHA-256 of the input bytes")
    chars: Annotated[int, Field(ge=0, description="length of the normalised text that spans point into")]


class DeclaredCount(_Model):
    """A count the text announces (讲三点意见, 议程共有四项) and what followed it."""

    phrase: str = Field(description="the declaration as printed, e.g. 讲三点意见")
    count: Annotated[int, Field(ge=1)] | None = Field(description="None for 几 (谈几点体会)")
    line: int
    found: int | None = Field(default=None, description="how many items the list that follows has")
    found_line: int | None = Field(default=None, description="line where that list starts")


class PublishedHeading(_Model):
    marker: str
    title: str
    in_body: bool = Field(description="whether the body carries this heading")


class PublishedOutline(_Model):
    """A 【提纲】 summary that stood on top of the input (it is not body text)."""

    line: int
    headings: list[PublishedHeading] = Field(default_factory=_new_list)
    missing: int = Field(default=0, description="how many of its headings the body lacks")


class Meta(_Model):
    """What the text says about itself. A field is null when the text does not say it."""

    model_config = ConfigDict(extra="allow")

    speaker: str | None = None
    speaker_role: str | None = None
    meeting: str | None = None
    date: str | None = None
    year: int | None = None
    place: str | None = None
    salutation: str | None = None
    closing: str | None = None
    addressee: str | None = Field(default=None, description="a 公文's addressees (主送机关)")
    doc_number: str | None = Field(default=None, description="a 公文's number (文号), e.g. 国办发〔2018〕121号")
    declared_counts: list[DeclaredCount] = Field(default_factory=_new_list)
    published_outline: PublishedOutline | None = None


@dataclass(frozen=True)
class RefusedMarker:
    """A marker that opens a paragraph but neither starts nor continues a list."""

    style: str
    marker: str
    ordinal: int
    line: int
    reason: str


class Document(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    source: Source
    title: str | None = None
    doc_type: str | None = None
    meta: Meta = Field(default_factory=Meta)
    agenda: list[AgendaItem] = Field(default_factory=_new_list)
    outline: list[Node] = Field(default_factory=_new_list)
    diagnostics: list[Diagnostic] = Field(default_factory=_new_list)
    #: 1-based input line where each line (paragraph) of the normalised text starts
    _text_lines: list[int] = PrivateAttr(default_factory=_new_list)

    _text: str = PrivateAttr(default="")
    _refused: list[RefusedMarker] = PrivateAttr(default_factory=_new_list)

    @field_validator("outline", mode="before")
    @classmethod
    def _drafts_as_nodes(cls, outline):
        """Draft nodes (tree.DraftNode: Node's fields as attributes) are taken as they are:
        turned into Nodes without validating them one by one, then checked with the whole
        tree (`_tree_fits_text`)."""
        if isinstance(outline, list):
            return [item if isinstance(item, (Node, dict)) else _node_of(item) for item in outline]
        return outline

    @model_validator(mode="after")
    def _tree_fits_text(self) -> "Document":
        limit = self.source.chars
        _check_outline(self.outline, limit)
        for item in self.agenda:
            for span in (item.span, item.declaration):
                if span is not None and span.end > limit:
                    raise ValueError(f"span of agenda item {item.ordinal} ends past the text")
        return self

    @property
    def text_lines(self) -> list[int]:
        """For each line of `text`, the 1-based input line where it starts."""
        return self._text_lines

    @property
    def text(self) -> str:
        """The normalised text that spans point into."""
        return self._text

    @property
    def refused_markers(self) -> list[RefusedMarker]:
        """Paragraph-opening markers the levels stage did not take into the outline (a list
        starting at 二、, a number counting back), with the reason; not part of the JSON."""
        return self._refused

    def nodes(self):
        """Every node of the outline, in document order."""
        for top in self.outline:
            yield from top.walk()

    def headings(self) -> list[Node]:
        return [node for node in self.nodes() if node.kind == "heading"]


_NODE_KINDS = frozenset(NodeKind.__args__)


def _check_outline(outline: list[Node], limit: int) -> None:
    """Check the whole tree in one walk: what validating each Node and Span would check (the
    fields' types and bounds, spans in order, children one level down and starting inside
    their parent), and spans inside the text (`limit` characters). A Document takes its nodes
    as they are (no copies, no Python call per node and per span); a node built by hand,
    changed after it was made or never validated is checked here all the same.

    Draft children met on the way become Nodes here (the common case of `_node_of`, inline),
    so that drafts are turned and checked in this one walk. Each node is visited with its
    parent's level and start, and a node just turned with its fields and its span's: reading
    a pydantic model's attribute goes through its `__getattr__` hook (~50 ns), and this runs
    for every node. Nodes given all their fields share one fields set per class (see
    `_share_fields_set`); nodes turned here are made so."""
    for top in outline:
        if getattr(top, "level", None) != 1:
            raise ValueError(f"top-level node {getattr(top, 'marker', None)!r} has level {getattr(top, 'level', None)}")
    node_fields, span_fields = _fields_of(Node), _fields_of(Span)
    names, span_names, kinds = _NODE_FIELD_NAMES, _SPAN_FIELD_NAMES, _NODE_KINDS
    new, set_ = _new, _set
    # (node, its fields and its span's when it was turned here, its parent, the parent's
    # level and start); one top-level node's tree at a time, the last first
    stack: list[tuple] = []
    pop, push = stack.pop, stack.append
    for top in reversed(outline):
        push((top, None, None, None, 0, 0))
        while stack:
            node, fields, span_values, parent, parent_level, parent_start = pop()
            turned = fields is not None
            try:
                if not turned:
                    fields = node.__dict__
                span, level, children, ordinal = fields["span"], fields["level"], fields["children"], fields["ordinal"]
                if not turned:
                    span_values = span.__dict__
                start, end, line = span_values["start"], span_values["end"], span_values["line"]
                well_typed = (
                    level == parent_level + 1 and start >= parent_start
                    and fields["kind"] in kinds and type(span) is Span
                    and type(start) is int and type(end) is int and type(line) is int
                    and type(level) is int and type(ordinal) is int and type(children) is list
                    and type(fields["style"]) is str and type(fields["marker"]) is str
                    and type(fields["title"]) is str and type(fields["text"]) is str
                )
            except (KeyError, AttributeError, TypeError):
                well_typed = False
            if not well_typed:
                if parent is not None:
                    _check_child(parent.marker, parent_level, parent_start, node)
                _check_fields(node)  # says what is wrong (or accepts subclasses of str, int and list)
                span, level, children = node.span, node.level, node.children
                start, end, line, ordinal = span.start, span.end, span.line, node.ordinal
            if not (0 <= start <= end and line >= 1 and ordinal >= 1 and level >= 1):
                raise ValueError(f"node {node.marker!r}: span {start}..{end} on line {line}, ordinal {ordinal}, level {level}")
            if end > limit:
                raise ValueError(f"span of {node.marker!r} ends at {end}, past the text ({limit})")
            for index, child in enumerate(children):
                if type(child) is Node:
                    push((child, None, None, node, level, start))
                    continue
                try:  # a draft whose attributes, and its span's, are the fields in order (tree.DraftNode)
                    child_fields = child.__dict__
                    draft_span = child_fields["span"]
                    child_span_values = draft_span.__dict__
                    plain = (tuple(child_fields) == names and tuple(child_span_values) == span_names
                             and type(draft_span) is not Span and not isinstance(child, (Node, dict)))
                except (AttributeError, KeyError, TypeError):
                    plain = False
                if not plain:  # anything else: `_node_of`
                    child = children[index] = _node_of(child)
                    push((child, None, None, node, level, start))
                    continue
                # `_node_of`'s common case, inline (`_unchecked`, twice): this runs for nearly
                # every node, and the walk keeps the dicts
                child_span = child_fields["span"] = new(Span)
                set_(child_span, "__dict__", child_span_values)
                set_(child_span, "__pydantic_fields_set__", span_fields)
                set_(child_span, "__pydantic_extra__", None)
                set_(child_span, "__pydantic_private__", None)
                child = children[index] = new(Node)
                set_(child, "__dict__", child_fields)
                set_(child, "__pydantic_fields_set__", node_fields)
                set_(child, "__pydantic_extra__", None)
                set_(child, "__pydantic_private__", None)
                push((child, child_fields, child_span_values, node, level, start))
            if not turned:
                if node.__pydantic_fields_set__ is not node_fields:
                    _share_fields(node, node_fields)
                if span.__pydantic_fields_set__ is not span_fields:
                    _share_fields(span, span_fields)


def _check_fields(node: Node) -> None:
    """Raise what is wrong with the fields of `node`; the types a Node is validated to."""
    for name, types in _FIELD_TYPES.items():
        value = getattr(node, name, None)
        if not isinstance(value, types) or isinstance(value, bool):
            raise ValueError(f"node {getattr(node, 'marker', None)!r}: {name} {value!r} is not a {types}")
    if node.kind not in _NODE_KINDS:
        raise ValueError(f"node {node.marker!r} has kind {node.kind!r}")
    for name in ("start", "end", "line"):
        value = getattr(node.span, name, None)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"span of {node.marker!r}: {name} {value!r} is not a whole number")


_FIELD_TYPES = {"kind": str, "style": str, "marker": str, "ordinal": int, "level": int, "title": str,
                "text": str, "span": Span, "children": list}


def _node_of(item) -> Node:
    """A Node for an outline entry: a Node as it is, a mapping validated, and a draft node
    (anything with Node's fields as attributes, e.g. tree.DraftNode) turned as it is, without
    validating it (pydantic costs ~4 µs a node; `_check_outline` checks it): the instance
    model_construct would make, at a fraction of its cost.

    A draft whose attributes are exactly Node's fields, in their order (a dataclass like
    tree.DraftNode), gives its attribute dict to the node, and its span's to the Span: no
    copies, and the dicts stay the compact ones that share their keys with the draft class
    (a 5 MB outline: ~250 bytes less a node). A draft's children list becomes its node's, its
    drafts turned as the walk reaches them, so drafts and nodes do not stand in memory twice.
    (Their markers are shared strings already: detect keeps one per distinct marker.)"""
    if isinstance(item, Node):
        return item
    if isinstance(item, dict):
        return Node.model_validate(item)
    try:
        fields = _fields_in_order(item, _NODE_FIELD_NAMES)
        draft_span = fields["span"]
        if type(draft_span) is not Span:
            fields["span"] = _unchecked(Span, _fields_in_order(draft_span, _SPAN_FIELD_NAMES))
    except (AttributeError, TypeError):
        raise ValueError(f"{type(item).__name__} is not a node: it lacks fields of Node or Span") from None
    return _unchecked(Node, fields)


def _unchecked(cls: type[BaseModel], values: dict) -> BaseModel:
    """An instance of `cls` (Node or Span) whose fields are `values` (the dict itself), not
    validated: the instance model_construct would make, at a fraction of its cost."""
    instance = _new(cls)
    _set(instance, "__dict__", values)
    _set(instance, "__pydantic_fields_set__", _fields_of(cls))
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", None)
    return instance


def _fields_in_order(item, names: tuple[str, ...]) -> dict:
    """The attribute dict of `item` when its keys are `names` in order (the JSON follows the
    order), else a dict of those attributes."""
    try:
        fields = item.__dict__
        if tuple(fields) == names:
            return fields
    except AttributeError:
        pass
    return {name: getattr(item, name) for name in names}


_new, _set = object.__new__, object.__setattr__
_NODE_FIELD_NAMES, _SPAN_FIELD_NAMES = tuple(Node.model_fields), tuple(Span.model_fields)
