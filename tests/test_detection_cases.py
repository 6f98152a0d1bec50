"""One-line detection cases: each numbering style, each false friend.

Each row is a one-paragraph document and the nodes the parser must find in it, written as
`kind:marker` (heading: the marker opens the paragraph; item: an enumeration inside it).
A new style is one row here and one row in styles.STYLES.
"""

import pytest

from outline_extractor import parse_text
from outline_extractor.styles import STYLES, match_at_start

H, I = "heading", "item"

CASES = [
    # --- each style, at the start of a paragraph -------------------------------------------
    ("cn_dun", "一、总体要求", [f"{H}:一、"]),
    ("cn_dun with full-width dot", "一．总体要求", [f"{H}:一．"]),
    ("cn_paren", "（一）指导思想。坚持以人民为中心。", [f"{H}:（一）"]),
    ("cn_paren half-width", "(一)指导思想", [f"{H}:(一)"]),
    ("arabic_dot", "1.全面提升目标管理率。我们要按计划完成任务。", [f"{H}:1."]),
    ("arabic_dot full-width", "1．要把被动学习改为主动学习", [f"{H}:1．"]),
    ("arabic_dot full-width digit and tab", "１．\t要尽早谋划职业生涯", [f"{H}:１．"]),
    ("arabic_dot with 、", "1、落实艾滋病防控相关措施", [f"{H}:1、"]),
    ("arabic_paren", "（1）有组织机构和章程；", [f"{H}:（1）"]),
    ("arabic_paren half-width", "(1)有组织机构和章程", [f"{H}:(1)"]),
    ("arabic_paren right only", "1）有组织机构和章程", [f"{H}:1）"]),
    ("circled", "①加强组织领导", [f"{H}:①"]),
    ("cn_paren_enclosed ㈠ as （一）", "㈠加强组织领导。要压实责任。\n㈡强化资金保障。", [f"{H}:㈠", f"{H}:㈡"]),
    ("arabic_paren_enclosed ⑴ as （1）", "⑴明确分工\n⑵细化任务", [f"{H}:⑴", f"{H}:⑵"]),
    ("arabic_dot_enclosed ⒈ as 1.", "⒈资金保障\n⒉人员保障", [f"{H}:⒈", f"{H}:⒉"]),
    ("cn_dun with a space before 、", "一 、加强领导\n二 、强化保障", [f"{H}:一 、", f"{H}:二 、"]),
    ("cn_shi", "一是要加强政府主导和多部门联动。我们要落实责任。", [f"{H}:一是"]),
    ("cn_yao", "一要提高政治站位。各级党委要…", [f"{H}:一要"]),
    ("cn_di", "第一，要提高认识。", [f"{H}:第一，"]),
    ("cn_di with 、", "第一、坚持问题导向", [f"{H}:第一、"]),
    ("cn_qi", "其一，历史的经验值得重视。", [f"{H}:其一，"]),
    ("part", "第一部分 总体要求", [f"{H}:第一部分"]),
    ("chapter", "第一章 总 则", [f"{H}:第一章"]),
    ("section", "第一节 全国人民代表大会", [f"{H}:第一节"]),
    ("article", "第一条 为了保障适龄儿童接受学前教育，制定本法。", [f"{H}:第一条"]),
    ("law_part", "第一编 总则", [f"{H}:第一编"]),
    ("formal_dun", "壹、總體要求", [f"{H}:壹、"]),
    ("bare numeral alone", "一", [f"{H}:一"]),
    ("bare_titled numeral with title", "一 重工业和轻工业、农业的关系", [f"{H}:一"]),
    # --- GB/T 1.1 clause numbers: the level is the number of parts ---------------------------
    ("clause_1", "1 范围\n本文件规定了定期评价的工作内容。", [f"{H}:1"]),
    ("clause_2", "1 总则\n1.1 目的\n1.2 适用范围", [f"{H}:1", f"{H}:1.1", f"{H}:1.2"]),
    ("clause_3 with a body after the number", "1 要求\n1.1 评价依据\n1.1.1 一般而言，评价每十年开展一次。\n1.1.2 安全基准文件应提前准备。",
     [f"{H}:1", f"{H}:1.1", f"{H}:1.1.1", f"{H}:1.1.2"]),
    ("clause_4", "1 执行\n1.1 步骤\n1.1.1 实施\n1.1.1.1 准备工作", [f"{H}:1", f"{H}:1.1", f"{H}:1.1.1", f"{H}:1.1.1.1"]),
    ("clause_5", "1 执行\n1.1 步骤\n1.1.1 实施\n1.1.1.1 准备\n1.1.1.1.1 人员", [f"{H}:1", f"{H}:1.1", f"{H}:1.1.1", f"{H}:1.1.1.1", f"{H}:1.1.1.1.1"]),
    ("clause numbers whose parents were numbered automatically", "5.1.1 范围应包括安全要素。\n5.1.2 评价应涵盖所有要素。\n5.2.1 一般每十年开展一次。",
     [f"{H}:5.1.1", f"{H}:5.1.2", f"{H}:5.2.1"]),
    ("clause_2 under 一、 (a 方案)", "一、项目概况\n1.1 项目背景\n1.2 建设内容\n二、实施计划\n2.1 进度安排",
     [f"{H}:一、", f"{H}:1.1", f"{H}:1.2", f"{H}:二、", f"{H}:2.1"]),
    ("annex_clause_2 and annex_clause_3 after 附录A", "1 范围\n2 要求\n附录A（规范性）评价矩阵\nA.1 总则\nA.1.1 一般要求\nA.2 矩阵",
     [f"{H}:1", f"{H}:2", f"{H}:A.1", f"{H}:A.1.1", f"{H}:A.2"]),
    ("annex_clause_4", "附录B（资料性）大纲\nB.1 内容\nB.1.1 要求\nB.1.1.1 格式", [f"{H}:B.1", f"{H}:B.1.1", f"{H}:B.1.1.1"]),
    ("A.1 is no lettered item A.", "A.1 总则\nA.2 要求", [f"{H}:A.1", f"{H}:A.2"]),
    ("clause_2 under no clause of its number", "1 总则\n3.1 第三章的条款", [f"{H}:1"]),
    ("a printed 目次 ends at the first line without a page number", "目次\n前言I\n1 范围1\n2 要求2\n前言\n本文件按照规则起草。\n"
     "5.1.1 一般而言，评价每十年开展一次。\n5.1.2 评价应涵盖所有要素。", [f"{H}:5.1.1", f"{H}:5.1.2"]),
    ("a standard's part title is no heading", "核电厂定期安全评价\n第1部分：通用要求\n1 范围\n2 要求", [f"{H}:1", f"{H}:2"]),
    ("2.5G after 1. reads as 2. (a clause 2.5 would stand under no 2)", "1.加快审批。\n2.5G基站建设提速。", [f"{H}:1.", f"{H}:2."]),
    ("latin_paren a) b) (GB/T 1.1 list)", "a) 外观应平整；\nb) 表面无划痕。", [f"{H}:a)", f"{H}:b)"]),
    ("latin_paren under a clause", "1 要求\n1.1 外观\na) 平整；\nb) 无划痕。\n1.2 尺寸", [f"{H}:1", f"{H}:1.1", f"{H}:a)", f"{H}:b)", f"{H}:1.2"]),
    ("latin_dot A. B.", "A. 第一阶段\nB. 第二阶段", [f"{H}:A.", f"{H}:B."]),
    ("cn_di_dian", "第一点，要提高认识。\n第二点，要狠抓落实。", [f"{H}:第一点，", f"{H}:第二点，"]),
    ("cn_di_dian inline", "我讲两点意见：第一点，统一思想；第二点，狠抓落实。", [f"{I}:第一点，", f"{I}:第二点，"]),
    ("cn_di_tiao as a speech opener", "同志们：\n第一条，要讲政治。\n第二条，要守纪律。", [f"{H}:第一条，", f"{H}:第二条，"]),
    ("article stays an article", "第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全市。", [f"{H}:第一条", f"{H}:第二条"]),
    ("cn_dun with a tab", "一、\t深化改革\n二、\t扩大开放", [f"{H}:一、", f"{H}:二、"]),
    ("cn_dun with several spaces", "一、    深化改革\n二、    扩大开放", [f"{H}:一、", f"{H}:二、"]),
    ("cn_paren with a tab", "(一)\t加强领导\n(二)\t完善制度", [f"{H}:(一)", f"{H}:(二)"]),
    ("二、三个 counts: a title, not a range", "一、总体要求\n二、三个方面的问题", [f"{H}:一、", f"{H}:二、"]),
    # --- Traditional characters: the same detection ------------------------------------------
    ("article, Traditional", "第一條 為保障學前兒童權益，制定本條例。", [f"{H}:第一條"]),
    ("section, Traditional", "第一節 總則", [f"{H}:第一節"]),
    ("cn_shi inline, Traditional", "重點有兩項：一是強化領導；二是完善制度。", [f"{I}:一是", f"{I}:二是"]),
    ("sequence inline, Traditional", "我講三點：首先，統一思想；其次，明確責任；最後，狠抓落實。", [f"{I}:首先，", f"{I}:其次，", f"{I}:最後，"]),
    ("統一是, Traditional", "對立的統一是有條件的，二是分開說明的。", []),
    # --- inline enumerations -----------------------------------------------------------------
    ("inline 一是 with ；", "议程共有三项：一是专题学习；二是传达精神；三是领导讲话。", [f"{I}:一是", f"{I}:二是", f"{I}:三是"]),
    ("inline 一是 with ，", "目标是：一是功能提升，二是发展迈上新台阶。", [f"{I}:一是", f"{I}:二是"]),
    ("inline 第一，", "原因有三：第一，基础薄弱；第二，投入不足；第三，机制不活。", [f"{I}:第一，", f"{I}:第二，", f"{I}:第三，"]),
    ("inline （一）", "有下列情形之一的：（一）未按规定备案；（二）违规收费。", [f"{I}:（一）", f"{I}:（二）"]),
    ("inline ①", "重点抓好：①队伍建设；②制度建设；③阵地建设。", [f"{I}:①", f"{I}:②", f"{I}:③"]),
    ("inline 1.", "主要措施：1.加强领导；2.完善制度。", [f"{I}:1.", f"{I}:2."]),
    ("sequence inline 首先 其次 最后", "我讲三点：首先，要统一思想；其次，要明确责任；最后，要狠抓落实。", [f"{I}:首先，", f"{I}:其次，", f"{I}:最后，"]),
    ("inline glued 一是 passes segmentation", "主要做了以下工作一是加强领导二是完善制度。", [f"{I}:一是", f"{I}:二是"]),
    # --- false friends: nothing to find ------------------------------------------------------
    ("一、二季度", "一、二季度全县经济运行平稳。", []),
    ("一、二年级", "一、二年级学生不布置书面作业。", []),
    ("三、四月份", "三、四月份是春耕的关键时期。", []),
    ("一、二车间", "一、二车间要加强安全生产。", []),
    ("三、四班组", "一、总体要求\n三、四班组轮流值班。", [f"{H}:一、"]),
    ("一、二号机组", "一、二号机组检修完毕。", []),
    ("1.5亿元", "1.5亿元专项资金已全部下达。", []),
    ("1.5 亿元 after a clause", "1 总则\n1.5 亿元专项资金已全部下达。", [f"{H}:1"]),
    ("2024.3.1", "2024.3.1 全县召开工作推进会。", []),
    ("2.1日", "1 总则\n2.1日上午召开会议。", [f"{H}:1"]),
    ("5.1期间", "5.1期间全县接待游客12万人次。", []),
    ("version number", "1 总则\n1.2.3版本已经发布。", [f"{H}:1"]),
    ("3 个月", "3 个月内完成整改", []),
    ("table rows are no clauses", "1 张三 局长 分管财务\n2 李四 副局长 分管人事", []),
    ("a) inside prose", "请按本办法a)项的规定办理。", []),
    ("lone b)", "b) 项不适用。", []),
    ("1.5亿元 full-width", "１．５亿元专项资金已全部下达。", []),
    ("2024.3", "2024.3 全县召开工作推进会。", []),
    ("3.15", "3.15消费者权益日活动如期举办。", []),
    ("第一次", "第一次全体会议审议通过了工作规则。", []),
    ("第一批", "第一批试点单位已经确定。", []),
    ("第一书记", "第一书记要履职尽责。", []),
    ("lone 首先", "首先，我代表县委向大家表示感谢。", []),
    ("lone 最后", "最后，我要强调的是，各单位要认真落实会议精神。", []),
    ("lone 其次", "其次，要看到问题。", []),
    ("最后，祝 after 第一 第二 第三", "第一，要端正态度。\n第二，要学以致用。\n第三，要严守纪律。\n最后，祝培训班圆满成功！",
     [f"{H}:第一，", f"{H}:第二，", f"{H}:第三，"]),
    ("最后 as a fourth point", "第一，要端正态度。\n第二，要学以致用。\n第三，要严守纪律。\n最后，要加强组织领导。",
     [f"{H}:第一，", f"{H}:第二，", f"{H}:第三，", f"{H}:最后，"]),
    ("统一是", "对立的统一是有条件的，二是分开说明的。", []),
    ("唯一是", "这是唯一是正确的选择。", []),
    ("之一是", "原因之一是投入不足，二是机制不活。", []),
    ("一是一，二是二", "我们要一是一，二是二，实事求是。", []),
    ("一是一 at paragraph start", "一是一，二是二，这是基本的工作态度。", []),
    ("第一条 as reference", "第一条规定的情形除外。", []),
    ("article number range", "第三十条至第三十五条适用本办法。", []),
    ("percent", "5%的企业完成了改造。", []),
    ("year with 、", "2024、2025年连续两年增长。", []),
    ("date in parentheses", "（一九四八年四月一日）", []),
    ("note marker", "［1］“两重”指国家重大战略实施和重点领域安全能力建设。", []),
    ("lone 二是", "二是二，一是一。", []),
    ("circled inline single", "详见附表①。", []),
    # --- host scripts: the host's words, not headings (issue 9) ------------------------------
    ("首先，进行会议第一项议程", "首先，进行会议第一项议程，请张某同志传达。\n其次，进行会议第二项议程，请李某同志讲话。", []),
    ("ceremony steps 第一项，", "第一项，鸣炮奏乐；\n第二项，请县长致辞。\n第三项，宣布开工。", []),
    ("stage directions", "（报告完毕后）\n（稍停）\n（宣读名单）", []),
]


@pytest.mark.parametrize("text,expected", [(text, expected) for _, text, expected in CASES], ids=[c[0] for c in CASES])
def test_detection_case(text, expected):
    document = parse_text(text)
    assert [f"{node.kind}:{node.marker}" for node in document.nodes()] == expected


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s.name)
def test_each_style_example_matches_its_own_style_first(style):
    # a marker with a title after it; a bare numeral stands alone on its line
    found = match_at_start(style.example if style.name == "bare" else style.example + " 标题")
    assert found is not None, style.example
    assert found[0].name == style.name


@pytest.mark.parametrize(
    "text,style,ordinal",
    [
        ("十一、加强组织领导", "cn_dun", 11),
        ("二十三是完善考核机制", "cn_shi", 23),
        ("（十二）健全产业标准", "cn_paren", 12),
        ("九十九、附则", "cn_dun", 99),
        ("第一百零五条 本法自公布之日起施行。", "article", 105),
        ("第二十九条 设立幼儿园，应当具备下列基本条件：", "article", 29),
        ("26.“双一流”", "arabic_dot", 26),
        ("⑳其他事项", "circled", 20),
        ("㈩其他事项", "cn_paren_enclosed", 10),
        ("⒇其他事项", "arabic_paren_enclosed", 20),
        ("⒛其他事项", "arabic_dot_enclosed", 20),
        ("拾貳、附則", "formal_dun", 12),
    ],
)
def test_numerals_beyond_ten_are_read(text, style, ordinal):
    found = match_at_start(text)
    assert found is not None
    assert (found[0].name, found[0].ordinal(found[1])) == (style, ordinal)


def test_a_number_that_starts_no_list_is_not_a_heading():
    assert list(parse_text("二十三是完善考核机制。").nodes()) == []


def test_every_style_has_a_case_row():
    text_rows = " ".join(name for name, _, _ in CASES)
    assert all(style.name in text_rows for style in STYLES)
