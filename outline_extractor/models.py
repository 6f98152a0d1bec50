"""The document model: what the parser returns and what the JSON export is made of.

Field names follow CONTRACT §2 (schema_version "1"). Every invariant the tree promises
(levels nest, spans lie inside the text, ordinals start at 1) is checked here, so a
`Document` that exists is a valid one.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

SCHEMA_VERSION = "1"

Severity = Literal["info", "warning", "error"]
NodeKind = Literal["heading", "item"]


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
        holds 200,000 nodes."""
        own = self.__pydantic_fields_set__
        shared = _ALL_FIELDS.get(type(self))
        if shared is None:
            shared = _ALL_FIELDS[type(self)] = set(type(self).model_fields)
        if own is not shared and len(own) == len(shared) and own == shared:
            object.__setattr__(self, "__pydantic_fields_set__", shared)
        return self


class Span(_Model):
    """Character offsets into the normalised text, and the 1-based line of the input file."""

    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    line: Annotated[int, Field(ge=1, description="1-based line in the input file where the span starts")]

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span ends before it starts: {self.start}..{self.end}")
        return self


class Node(_Model):
    """A numbered heading (its marker opens a paragraph) or an inline enumeration item."""

    kind: NodeKind
    style: str = Field(description="numbering style id, e.g. cn_dun (一、), cn_paren (（一）), arabic_dot (1.), cn_shi (一是)")
    marker: str = Field(description="the marker exactly as printed, e.g. 一、 （一） 1． 一是")
    ordinal: Annotated[int, Field(ge=1)]
    level: Annotated[int, Field(ge=1)]
    title: str = Field(description="the heading sentence without marker and closing punctuation")
    text: str = Field(description="the node's own text (title sentence and body) up to the next node")
    span: Span = Field(description="from the marker to the end of the node's own text")
    children: list[Node] = Field(default_factory=list)

    @model_validator(mode="after")
    def _children_nest(self) -> Node:
        for child in self.children:
            if child.level != self.level + 1:
                raise ValueError(
                    f"child {child.marker!r} at level {child.level} under {self.marker!r} at level {self.level}"
                )
            if child.span.start < self.span.start:
                raise ValueError(f"child {child.marker!r} starts before its parent {self.marker!r}")
        return self

    def walk(self):
        """This node and all its descendants, in document order."""
        # a stack, not recursive generators: each node is yielded once, however deep the tree
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


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
    headings: list[PublishedHeading] = Field(default_factory=list)
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
    declared_counts: list[DeclaredCount] = Field(default_factory=list)
    published_outline: PublishedOutline | None = None


class Document(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    source: Source
    title: str | None = None
    doc_type: str | None = None
    meta: Meta = Field(default_factory=Meta)
    agenda: list[AgendaItem] = Field(default_factory=list)
    outline: list[Node] = Field(default_factory=list)
    diagnostics: list[Diagnostic] = Field(default_factory=list)

    _text: str = PrivateAttr(default="")

    @model_validator(mode="after")
    def _tree_fits_text(self) -> Document:
        limit = self.source.chars
        for top in self.outline:
            if top.level != 1:
                raise ValueError(f"top-level node {top.marker!r} has level {top.level}")
        for node in self.nodes():
            if node.span.end > limit:
                raise ValueError(f"span of {node.marker!r} ends at {node.span.end}, past the text ({limit})")
        for item in self.agenda:
            for span in (item.span, item.declaration):
                if span is not None and span.end > limit:
                    raise ValueError(f"span of agenda item {item.ordinal} ends past the text")
        return self

    @property
    def text(self) -> str:
        """The normalised text that spans point into."""
        return self._text

    def nodes(self):
        """Every node of the outline, in document order."""
        for top in self.outline:
            yield from top.walk()

    def headings(self) -> list[Node]:
        return [node for node in self.nodes() if node.kind == "heading"]
