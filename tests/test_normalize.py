import re

import pytest

from outline_extractor import parse_text
from outline_extractor.normalize import ends_open, normalize, wrap_width, split_lines


def texts(raw: str) -> list[str]:
    return [p.text for p in normalize(raw).paragraphs]


def test_line_ends_blank_runs_and_indentation():
    raw = "标题\r\n\r\n\r\n\u3000\u3000第一段。\r\u3000\u3000第二段。\n\n\n"
    assert texts(raw) == ["标题", "第一段。", "第二段。"]


def test_widths_tabs_and_zero_width_characters():
    raw = "１．\t要把被\u200b动学习改为主动学习。\nＡＢＣ\u00a0 公司  成立。"
    assert texts(raw) == ["１． 要把被动学习改为主动学习。", "ABC 公司 成立。"]


def test_horizontal_bar_becomes_a_dash():
    assert texts("――2026年1月在大会上") == ["——2026年1月在大会上"]


def test_line_map_points_back_to_input_lines():
    norm = normalize("标题\n\n\n一、总体要求\n\n（一）指导思想。")
    third = norm.paragraphs[2]
    assert third.text == "（一）指导思想。"
    assert norm.line_at(third.start) == 6 and norm.line_at(norm.paragraphs[1].start + 2) == 4


def test_ends_open():
    assert ends_open("我们要进一步扩大")
    assert ends_open("提高工作效率，")
    assert not ends_open("这是一个句子。")
    assert not ends_open("他说：“好。”")
    assert not ends_open("（此件公开发布）")


WRAPPED = """\u3000\u3000区长在全区安全生产工作会议上的讲话
\u3000\u3000同志们：
\u3000\u3000今天我们召开全区安全生产工作会议，主要任务
是总结去年工作，分析当前形势，部署今年任务。刚
才，几位同志作了发言，讲得都很好。
\u3000\u3000一、充分认识做好安全生产工作的重要意义
\u3000\u3000（一）安全生产是发展的前提。没有安全，发展
就无从谈起。我们必须牢固树立安全发展理念，坚决
守住安全底线。
\u3000\u3000（二）安全生产是民生的底线。群众的生命财产
安全高于一切。
"""


def test_hard_wrapped_lines_are_joined_where_no_paragraph_starts():
    assert texts(WRAPPED) == [
        "区长在全区安全生产工作会议上的讲话",
        "同志们：",
        "今天我们召开全区安全生产工作会议，主要任务是总结去年工作，分析当前形势，部署今年任务。刚才，几位同志作了发言，讲得都很好。",
        "一、充分认识做好安全生产工作的重要意义",
        "（一）安全生产是发展的前提。没有安全，发展就无从谈起。我们必须牢固树立安全发展理念，坚决守住安全底线。",
        "（二）安全生产是民生的底线。群众的生命财产安全高于一切。",
    ]


def test_joined_paragraph_maps_each_piece_to_its_line():
    norm = normalize(WRAPPED)
    paragraph = norm.paragraphs[2]
    assert norm.line_at(paragraph.start) == 3
    assert norm.line_at(paragraph.start + paragraph.text.index("是总结")) == 4
    assert norm.line_at(paragraph.start + paragraph.text.index("才，")) == 5


def test_scraped_line_broken_mid_sentence_is_joined_but_headings_are_not():
    raw = (
        "一、要以目标为导向，全面提升工作质量\n"
        "我们要深刻认识到，重大疾病防控工作不仅是公共卫生问题。更是关系国家发展的全\n"
        "局性问题，必须抓紧抓实。\n"
        "二、要以协作为纽带，凝聚工作合力\n"
    )
    assert texts(raw) == [
        "一、要以目标为导向，全面提升工作质量",
        "我们要深刻认识到，重大疾病防控工作不仅是公共卫生问题。更是关系国家发展的全局性问题，必须抓紧抓实。",
        "二、要以协作为纽带，凝聚工作合力",
    ]


def test_title_lines_are_not_joined():
    raw = "国务院办公厅关于加快发展\n体育竞赛表演产业的指导意见\n国办发〔2018〕121号\n"
    assert texts(raw) == ["国务院办公厅关于加快发展", "体育竞赛表演产业的指导意见", "国办发〔2018〕121号"]


def test_wrap_width_only_for_fixed_width_text():
    assert wrap_width(split_lines(WRAPPED)) is not None
    scraped = "\n".join("这是一段长短不一的文字。" * n for n in (1, 5, 2, 9, 3, 7, 4))
    assert wrap_width(split_lines(scraped)) is None


def test_markdown_markup_is_taken_off():
    raw = "# 在全县工作会议上的讲话\n## 一、加强组织领导\n**（一）压实责任**\n**一是**要明确分工。\n- 1. 每月通报\n- 2 -\n"
    assert texts(raw) == ["在全县工作会议上的讲话", "一、加强组织领导", "（一）压实责任", "一是要明确分工。", "1. 每月通报"]


def test_the_text_is_folded_once_whichever_passes_run():
    """The cruft pass tells `build` when nothing folds; without it (a custom pass list) the
    finished text is folded as before."""
    from outline_extractor.normalize import normalize, strip_markup

    text = "一、總體要求\n二、１２項工作\n"
    for passes in (None, [strip_markup]):
        norm = normalize(text, passes=passes)
        assert norm.folded == "一、总体要求\n二、12项工作"
        assert norm.text == "一、總體要求\n二、１２項工作"
    simplified = normalize("一、总体要求\n二、主要任务\n")
    assert simplified.folded is simplified.text


FLAT_SPEECH = [
    "在全镇防汛工作会议上的讲话", "同志们：", "今天召开全镇防汛工作会议，主要任务是部署今年的防汛工作。下面，我讲两点意见。",
    "一、提高认识", "防汛工作事关人民群众生命财产安全，各村要高度重视，应到    人，实到    人。",
    "二、压实责任", "（一）落实属地责任。各村党支部书记是第一责任人。", "谢谢大家！",
]


def test_a_flattened_text_is_cut_back_into_its_paragraphs():
    flat = "    ".join(FLAT_SPEECH)
    paragraphs = [p.text for p in normalize(flat).paragraphs]
    assert paragraphs == [p.replace("    ", " ") for p in FLAT_SPEECH]
    assert [n.marker for n in parse_text(flat).headings()] == ["一、", "二、", "（一）"]


@pytest.mark.parametrize(
    "line",
    [
        "本次会议应到委员    名，实到    名，请假    名，符合法定人数。",
        "今天召开全镇防汛工作会议。   主要任务是部署今年的防汛工作，各村要高度重视，切实做好各项准备，确保安全度汛，"
        "确保人民群众生命财产安全，确保不发生重大险情。同时，要加强值班值守，及时报告汛情。",
    ],
)
def test_space_runs_inside_a_line_are_no_paragraph_breaks(line):
    assert [p.text for p in normalize(line).paragraphs] == [re.sub(" {2,}", " ", line)]


def test_a_pass_that_leaves_a_line_break_inside_a_line_is_refused():
    """Detect maps hits to paragraphs by counting line breaks: a line holding one would move
    every later heading."""

    def glue(lines, ctx):
        lines[0].text = lines[0].text + "\n" + lines[1].text
        del lines[1]
        return lines

    with pytest.raises(ValueError, match="line break inside a line"):
        normalize("一、总体要求\n二、主要任务\n", passes=[glue])
