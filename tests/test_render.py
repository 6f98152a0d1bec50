import json

from outline_extractor import parse_text, render

SPEECH = (
    "县委书记在全县工作会议上的讲话\n"
    "同志们：\n"
    "今天我讲两点意见。\n"
    "一、提高认识\n"
    "一是认清形势。形势严峻。\n"
    "1.全面提升目标管理率。要按计划完成。\n"
    "2.落实防控措施。\n"
    "二、狠抓落实\n"
    "要做到：一是思想到位；二是措施到位。\n"
)


def test_outline_line_form():
    assert render(parse_text(SPEECH), "outline") == (
        "【提纲】一、提高认识。一是认清形势。1、全面提升目标管理率。2、落实防控措施。二、狠抓落实。"
    )


def test_outline_prints_every_arabic_dot_form_as_1_dun():
    text = "一、提高认识\n１．认清形势。\n⒉落实措施。\n"
    assert render(parse_text(text), "outline") == "【提纲】一、提高认识。1、认清形势。2、落实措施。"


def test_outline_keeps_the_space_between_a_clause_number_and_its_title():
    text = "1　范围\n本文件规定了巡检要求。\n2　要求\n2.1　巡检频次\n2.2 2人一组巡检\n"
    assert render(parse_text(text), "outline") == "【提纲】1 范围。2 要求。2.1 巡检频次。2.2 2人一组巡检。"


def test_outline_depth_and_items():
    doc = parse_text(SPEECH)
    assert render(doc, "outline", depth=1) == "【提纲】一、提高认识。二、狠抓落实。"
    assert render(doc, "outline", depth=2, items=True) == (
        "【提纲】一、提高认识。一是认清形势。二、狠抓落实。一是思想到位。二是措施到位。"
    )


def test_markdown_nested_list():
    text = render(parse_text("第一章 总 则\n第一条 甲。\n第二章 分则\n"), "markdown")
    assert text.splitlines() == ["- 第一章 总 则", "  - 第一条 甲", "- 第二章 分则"]


def test_tree_drawing():
    text = render(parse_text(SPEECH), "tree", depth=2)
    assert text.splitlines()[1:] == ["├── 一、提高认识", "│   └── 一是认清形势", "└── 二、狠抓落实"]


def test_json_is_unescaped_and_pruned_by_depth():
    text = render(parse_text(SPEECH), "json", depth=1)
    data = json.loads(text)
    assert "提高认识" in text and "\\u" not in text
    assert [n["marker"] for n in data["outline"]] == ["一、", "二、"]
    assert all(n["children"] == [] for n in data["outline"])


def test_json_one_line():
    assert "\n" not in render(parse_text(SPEECH), "json", indent=None)


def test_unknown_format():
    import pytest

    with pytest.raises(ValueError, match="unknown format"):
        render(parse_text(SPEECH), "yaml")
