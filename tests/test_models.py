import pytest
from pydantic import ValidationError

from outline_extractor.models import Document, Node, Source, Span

SOURCE = Source(path=None, encoding="utf-8", sha256="0" * 64, chars=20)


def node(level=1, start=0, end=5, children=(), ordinal=1):
    return Node(kind="heading", style="cn_dun", marker="一、", ordinal=ordinal, level=level, title="t", text="t",
                span=Span(start=start, end=end, line=1), children=list(children))


def test_valid_tree():
    doc = Document(source=SOURCE, outline=[node(children=[node(level=2, start=3)])])
    assert [n.level for n in doc.nodes()] == [1, 2]


def test_levels_must_nest():
    with pytest.raises(ValidationError, match="level"):
        node(children=[node(level=3, start=3)])


def test_child_starts_inside_parent():
    with pytest.raises(ValidationError):
        node(start=4, children=[node(level=2, start=2)])


def test_spans_inside_the_text():
    with pytest.raises(ValidationError, match="past the text"):
        Document(source=SOURCE, outline=[node(end=21)])
    with pytest.raises(ValidationError):
        Span(start=5, end=4, line=1)


def test_top_level_nodes_are_level_one():
    with pytest.raises(ValidationError, match="top-level"):
        Document(source=SOURCE, outline=[node(level=2)])


def test_ordinals_start_at_one():
    with pytest.raises(ValidationError):
        node(ordinal=0)


def test_a_tree_changed_after_building_is_checked_when_the_document_is_made():
    parent = node()
    parent.children.append(node(level=3, start=2))
    with pytest.raises(ValidationError):
        Document(source=SOURCE, outline=[parent])


def test_nodes_never_validated_one_by_one_are_checked_by_the_document():
    # a Document takes its nodes as they are and checks the whole tree once
    unchecked = Node.model_construct(kind="heading", style="cn_dun", marker="一、", ordinal=0, level=1, title="t",
                                     text="t", span=Span(start=0, end=5, line=1), children=[])
    with pytest.raises(ValidationError, match="ordinal"):
        Document(source=SOURCE, outline=[unchecked])
    reversed_span = Span.model_construct(start=5, end=3, line=1)
    with pytest.raises(ValidationError, match="span"):
        Document(source=SOURCE, outline=[node(children=[node(level=2, start=3).model_copy(update={"span": reversed_span})])])
    wrong_kind = node().model_copy(update={"kind": "chapter"})
    with pytest.raises(ValidationError, match="kind"):
        Document(source=SOURCE, outline=[wrong_kind])


def test_drafts_become_nodes_checked_by_the_document():
    from outline_extractor.tree import DraftNode, DraftSpan

    child = DraftNode("item", "cn_shi", "一是", 1, 2, "抓落实", "抓落实。", DraftSpan(4, 9, 2))
    root = DraftNode("heading", "cn_dun", "一、", 1, 1, "总体要求", "总体要求", DraftSpan(0, 9, 1), [child])
    doc = Document(source=SOURCE, outline=[root])
    assert [(n.marker, n.level, n.span.end) for n in doc.nodes()] == [("一、", 1, 9), ("一是", 2, 9)]
    assert all(type(n) is Node and type(n.span) is Span for n in doc.nodes())
    assert doc.outline[0].children[0].model_fields_set == set(Node.model_fields)
    bad = DraftNode("heading", "cn_dun", "一、", 1, 1, "总体要求", "总体要求", DraftSpan(0, 9, 1),
                    [DraftNode("item", "cn_shi", "一是", 1, 3, "抓", "抓。", DraftSpan(4, 9, 2))])
    with pytest.raises(ValidationError, match="level"):
        Document(source=SOURCE, outline=[bad])


def test_an_object_that_is_no_node_is_refused():
    class NotANode:
        marker = "一、"

    parent = node()
    parent.children.append(NotANode())
    with pytest.raises(ValidationError, match="not a node"):
        Document(source=SOURCE, outline=[parent])
