"""Level assignment, through whole small documents (one paragraph a line)."""

import pytest

from outline_extractor import parse_text

from .conftest import outline_of


def levels(text: str) -> list[tuple[str, int]]:
    return [(node.marker, node.level) for node in parse_text(text).headings()]


def test_speech_order_one_yishi_arabic():
    text = "一、认识\n一是意义重大。\n二是任务艰巨。\n1.抓落实。\n2.抓督查。\n二、部署\n一是加强领导。"
    assert levels(text) == [("一、", 1), ("一是", 2), ("二是", 2), ("1.", 3), ("2.", 3), ("二、", 1), ("一是", 2)]


def test_gbt_four_levels():
    text = "一、总体要求\n（一）指导思想\n1.坚持原则。\n（1）细则一。\n（2）细则二。\n2.目标。\n（二）基本原则\n二、主要任务"
    assert levels(text) == [
        ("一、", 1), ("（一）", 2), ("1.", 3), ("（1）", 4), ("（2）", 4), ("2.", 3), ("（二）", 2), ("二、", 1),
    ]


def test_style_returns_to_its_level_after_deeper_ones():
    text = "一、甲\n（一）乙\n1.丙\n（1）丁\n（二）戊"
    assert levels(text)[-1] == ("（二）", 2)


def test_numbering_that_runs_on_across_sections():
    text = "一、甲\n（一）子\n（二）丑\n二、乙\n（三）寅\n（四）卯"
    assert levels(text) == [("一、", 1), ("（一）", 2), ("（二）", 2), ("二、", 1), ("（三）", 2), ("（四）", 2)]


def test_articles_run_on_across_chapters():
    text = "第一章 总则\n第一条 甲。\n第二条 乙。\n第二章 分则\n第三条 丙。"
    assert levels(text) == [("第一章", 1), ("第一条", 2), ("第二条", 2), ("第二章", 1), ("第三条", 2)]


def test_restart_of_the_top_style_is_a_new_run():
    text = "一、正文甲\n二、正文乙\n附件1\n一、附件甲\n二、附件乙"
    assert levels(text) == [("一、", 1), ("二、", 1), ("一、", 1), ("二、", 1)]


def test_annex_glossary_is_a_new_top_level_run():
    text = "一、正文\n（一）子目\n名词解释\n1.甲：释义。\n2.乙：释义。"
    assert levels(text) == [("一、", 1), ("（一）", 2), ("1.", 1), ("2.", 1)]


def test_notes_after_a_notes_line_are_not_outline():
    text = "一\n正文。\n二\n正文。\n注释\n（1）见某书。\n（2）见某文。"
    assert levels(text) == [("一", 1), ("二", 1)]


def test_structural_style_does_not_nest_under_speech_enumeration():
    # a report whose level-1 numbers were lost: （一） is not a child of 八是
    text = "一是甲。\n二是乙。\n2026年重点工作\n（一）丙\n（二）丁"
    assert levels(text) == [("一是", 1), ("二是", 1), ("（一）", 1), ("（二）", 1)]


def test_higher_gbt_style_closes_lower_ones():
    text = "会议议程：\n1.听取汇报。\n2.领导讲话。\n一、提高站位\n二、狠抓落实"
    assert levels(text) == [("1.", 1), ("2.", 1), ("一、", 1), ("二、", 1)]


def test_a_style_never_nests_under_one_it_held():
    text = "一、甲\n一是子。\n1.细目。\n二是丑。\n二、乙\n1.细目。\n一是寅。"
    # 1. was held by 一是 before, so 一是 does not go under 1. but closes it
    assert levels(text)[-1] == ("一是", 2)


def test_speech_enumeration_nests_under_current_section():
    text = "一、甲\n一是子。\n二、乙\n（一）丑\n一是寅。\n二是卯。\n（二）辰"
    assert levels(text) == [
        ("一、", 1), ("一是", 2), ("二、", 1), ("（一）", 2), ("一是", 3), ("二是", 3), ("（二）", 2),
    ]


def test_sequence_words_only_as_a_sequence():
    text = "一、甲\n首先，要统一思想。\n其次，要明确责任。\n最后，要狠抓落实。\n二、乙\n最后，我强调一点。"
    assert levels(text) == [("一、", 1), ("首先，", 2), ("其次，", 2), ("最后，", 2), ("二、", 1)]


def test_ordinal_words_of_two_sets_form_one_list():
    text = "一\n正文。\n二\n首先，农业关系到吃饭问题。\n第二，农业是原料来源。\n第三，农村是市场。"
    assert levels(text) == [("一", 1), ("二", 1), ("首先，", 2), ("第二，", 2), ("第三，", 2)]


def test_gap_is_kept_and_counting_back_is_refused():
    text = "一、甲\n二、乙\n四、丁\n二、二季度的情况另行说明。"
    assert levels(text) == [("一、", 1), ("二、", 1), ("四、", 1)]


def test_bare_numeral_continues_a_list_that_lost_its_mark():
    assert levels("一、甲\n二、乙\n三\n正文。") == [("一、", 1), ("二、", 1), ("三", 1)]


def test_number_looking_marker_must_count_on_exactly():
    text = "名词解释\n1.甲：释义。\n2.乙：释义。\n3.2026年民生实事：十件。\n1.5亿元用于补助。"
    assert levels(text) == [("1.", 1), ("2.", 1), ("3.", 1)]


def test_items_hang_under_the_heading_that_owns_their_paragraph():
    text = "一、工作回顾\n主要做了三件事：一是抓项目；二是抓改革；三是抓民生。\n二、工作安排"
    assert outline_of(parse_text(text)) == [
        (1, "heading", "一、"), (2, "item", "一是"), (2, "item", "二是"), (2, "item", "三是"), (1, "heading", "二、"),
    ]


def test_items_before_any_heading_are_top_level():
    text = "本次会议议程共有两项：一是传达文件；二是领导讲话。\n一、提高认识"
    assert outline_of(parse_text(text)) == [(1, "item", "一是"), (1, "item", "二是"), (1, "heading", "一、")]


def test_articles_under_sections_after_a_chapter_without_them():
    text = "第一章 总则\n第一条 甲。\n第二条 乙。\n第二章 分则\n第一节 一般规定\n第三条 丙。\n第二节 特别规定\n第四条 丁。\n（一）子；\n第五条 戊。"
    assert levels(text) == [
        ("第一章", 1), ("第一条", 2), ("第二条", 2), ("第二章", 1), ("第一节", 2), ("第三条", 3),
        ("第二节", 2), ("第四条", 3), ("（一）", 4), ("第五条", 3),
    ]


def test_enclosed_forms_nest_like_their_bracketed_forms():
    text = "一、总体要求\n㈠加强领导。要压实责任。\n⑴明确分工。\n⑵细化任务。\n㈡强化保障。要落实资金。\n⒈资金。\n⒉人员。"
    assert levels(text) == [("一、", 1), ("㈠", 2), ("⑴", 3), ("⑵", 3), ("㈡", 2), ("⒈", 3), ("⒉", 3)]
    assert [d.code for d in parse_text(text).diagnostics] == []


def test_titled_numerals_nest_under_bare_numerals_and_continue_them():
    nested = "一\n当前的形势\n正文。\n二\n几个关系\n一 农业和副业的关系\n正文。\n二 集体和个人的关系\n正文。\n三\n领导方法\n正文。"
    assert levels(nested) == [("一", 1), ("二", 1), ("一", 2), ("二", 2), ("三", 1)]
    assert [n.title for n in parse_text(nested).headings()][:2] == ["当前的形势", "几个关系"]
    continued = "一\n山区要不要建设，这个问题本来不成问题。\n二\n山区建设，首先要把山管好。\n三 关于教育问题\n正文。"
    assert levels(continued) == [("一", 1), ("二", 1), ("三", 1)]
    assert [n.title for n in parse_text(continued).headings()] == ["", "", "关于教育问题"]


@pytest.mark.parametrize("heading", ["目录", "目 录：", "目次"])
def test_a_table_of_contents_is_skipped_until_the_body_repeats_its_first_entry(heading):
    text = f"{heading}\n第一章 总则\n第二章 管理\n附则\n第一章 总则\n第一条 为了规范管理，制定本条例。\n第二章 管理\n第二条 县人民政府负责。"
    assert levels(text) == [("第一章", 1), ("第一条", 2), ("第二章", 1), ("第二条", 2)]


def test_clause_level_is_its_number_of_parts():
    text = "1 范围\n2 要求\n2.1 外观\n2.1.1 表面\na) 平整；\nb) 无划痕。\n2.1.1.1 颜色\n2.1.2 尺寸\n2.2 性能\n3 试验方法"
    assert levels(text) == [
        ("1", 1), ("2", 1), ("2.1", 2), ("2.1.1", 3), ("a)", 4), ("b)", 4), ("2.1.1.1", 4), ("2.1.2", 3), ("2.2", 2), ("3", 1),
    ]


def test_clauses_beside_gbt_9704_numbering():
    text = "一、项目概况\n1.1 项目背景\n（1）区位。\n（2）人口。\n1.2 建设内容\n二、实施计划\n2.1 进度安排\n1.加快审批。"
    assert levels(text) == [
        ("一、", 1), ("1.1", 2), ("（1）", 3), ("（2）", 3), ("1.2", 2), ("二、", 1), ("2.1", 2), ("1.", 3),
    ]


def test_a_clause_under_another_number_is_refused():
    assert levels("1 总则\n1.1 目的\n2.3 其他\n1.2 范围") == [("1", 1), ("1.1", 2), ("1.2", 2)]
