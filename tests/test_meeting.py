"""Agenda, declared counts and document metadata, on texts written for these tests."""

import pytest

from outline_extractor import parse_text, render

HOST = """在2025年全县秋冬季安全生产工作会议上的主持词
同志们：
现在开会。今天的会议在县政府三楼会议室召开。
本次会议议程共有三项：一是通报全县安全生产形势；二是宣读表彰决定；三是请县长同志作重要讲话。
首先，进行会议第一项议程：通报安全形势。请县应急管理局局长张某某同志通报。
刚才，张某某同志通报了全县情况。
接下来，进行会议第二项议程，请县委办公室副主任李某同志宣读表彰决定。
现在，进行会议最后一项议程：请县长同志作重要讲话，大家欢迎。
同志们，刚才县长的讲话很重要。下面，我强调两点意见：
一、要迅速传达。各单位要认真传达。
二、要狠抓落实。各单位要狠抓落实。
今天的会议到此结束。散会。
"""


def test_inline_agenda_with_openings():
    document = parse_text(HOST)
    agenda = [(a.ordinal, a.title, a.label, a.speaker, a.opening_line) for a in document.agenda]
    assert agenda == [
        (1, "通报全县安全生产形势", "通报安全形势", "县应急管理局局长张某某", 5),
        (2, "宣读表彰决定", None, "县委办公室副主任李某", 7),
        (3, "请县长同志作重要讲话", None, "县长", 8),
    ]


def test_agenda_spans_run_from_opening_to_the_next_or_to_the_host():
    document = parse_text(HOST)
    first, second, last = document.agenda
    assert document.text[first.span.start:first.span.end].startswith("首先，进行会议第一项议程")
    assert document.text[first.span.start:first.span.end].endswith("通报了全县情况。")
    assert document.text[last.span.start:last.span.end] == "现在，进行会议最后一项议程：请县长同志作重要讲话，大家欢迎。"


def test_host_script_metadata_and_outline_line():
    document = parse_text(HOST)
    assert (document.title, document.doc_type) == ("在2025年全县秋冬季安全生产工作会议上的主持词", "主持词")
    meta = document.meta
    assert (meta.meeting, meta.year, meta.salutation, meta.closing, meta.place) == (
        "2025年全县秋冬季安全生产工作会议", 2025, "同志们：", "散会。", "县政府三楼会议室",
    )
    assert render(document, "outline") == (
        "【提纲】会议议程：一是通报全县安全生产形势。二是宣读表彰决定。三是请县长同志作重要讲话。一、要迅速传达。二、要狠抓落实。"
    )


def test_agenda_as_numbered_paragraphs():
    text = (
        "在全镇防汛工作会议上的主持词\n同志们：\n今天的会议有三项议程：\n1.传达上级精神；\n2.安排部署工作；\n"
        "3.镇长讲话。\n下面进行第一项议程。\n下面进行第二项议程。\n下面进行第三项议程。\n散会。"
    )
    document = parse_text(text)
    assert [(a.ordinal, a.title, a.opening_line) for a in document.agenda] == [
        (1, "传达上级精神", 7), (2, "安排部署工作", 8), (3, "镇长讲话", 9),
    ]
    assert render(document, "outline") == "【提纲】会议议程：一是传达上级精神。二是安排部署工作。三是镇长讲话。"


def test_declared_counts_matching_and_not():
    text = (
        "同志们：\n下面，我讲四点意见。\n一、提高认识\n二、压实责任\n三、强化保障\n"
        "重点抓好三个方面：一是抓宣传；二是抓排查；三是抓整改。\n"
    )
    document = parse_text(text)
    counts = [(d.phrase, d.count, d.found, d.line, d.found_line) for d in document.meta.declared_counts]
    assert counts == [("讲四点意见", 4, 3, 2, 3), ("抓好三个方面", 3, 3, 6, 6)]
    mismatch = [d for d in document.diagnostics if d.code == "count-mismatch"]
    assert len(mismatch) == 1 and mismatch[0].line == 2 and "4" in mismatch[0].message and "3" in mismatch[0].message


@pytest.mark.parametrize(
    "sentence, phrase, count",
    [
        ("我们要把握好两点：", "把握好两点", 2),
        ("全体干部必须做到“三个不准”：", "做到“三个不准”", 3),
        ("去年我们推进了四项工作：", "推进了四项工作", 4),
        ("今年为群众办了三件实事：", "办了三件实事", 3),
        ("明年要办好十件民生实事：", "办好十件民生实事", 10),
        ("重点抓好五个方面：", "抓好五个方面", 5),
    ],
)
def test_declared_count_forms(sentence, phrase, count):
    counts = parse_text(f"同志们：\n{sentence}一是甲；二是乙。\n").meta.declared_counts
    assert [(d.phrase, d.count, d.found) for d in counts] == [(phrase, count, 2)]


def test_a_clock_time_is_no_count():
    assert parse_text("同志们：\n会议定于下午三点，在三楼召开。\n").meta.declared_counts == []


def test_count_of_several_is_recorded_without_a_number():
    document = parse_text("同志们：\n我谈几点体会。\n一、甲\n二、乙\n")
    assert [(d.count, d.found) for d in document.meta.declared_counts] == [(None, 2)]
    assert "count-mismatch" not in [d.code for d in document.diagnostics]


def test_a_count_inside_running_text_is_not_matched_to_a_later_list():
    text = "一、工作回顾\n一是抓项目。切实抓好两个关键小事，效果明显。\n二是抓改革。\n"
    counts = parse_text(text).meta.declared_counts
    assert [(d.phrase, d.found) for d in counts] == [("抓好两个关键", None)]


def test_title_with_byline_and_meeting():
    document = parse_text("区卫生健康局党委书记、局长在区2024年重大疾病防控工作推进会上的讲话\n各位同志:\n正文。")
    assert (document.doc_type, document.meta.speaker_role, document.meta.speaker) == (
        "讲话", "区卫生健康局党委书记、局长", None,
    )
    assert (document.meta.meeting, document.meta.year) == ("区2024年重大疾病防控工作推进会", 2024)


def test_title_over_two_lines_with_name_and_dateline():
    document = parse_text("市委副书记、市长王某某\n在全市2025年招商引资工作会议上的讲话\n（2025年3月12日）\n同志们：\n正文。\n谢谢大家！")
    assert document.title == "市委副书记、市长王某某在全市2025年招商引资工作会议上的讲话"
    meta = document.meta
    assert (meta.speaker_role, meta.speaker, meta.date, meta.year, meta.closing) == (
        "市委副书记、市长", "王某某", "2025-03-12", 2025, "谢谢大家！",
    )


def test_report_with_subtitle_and_speaker_line():
    document = parse_text("政府工作报告\n——2026年1月15日在临江市第十七届人民代表大会第六次会议上\n市长 王某某\n各位代表：\n正文。")
    meta = document.meta
    assert (document.title, document.doc_type) == ("政府工作报告", "报告")
    assert (meta.meeting, meta.date, meta.speaker_role, meta.speaker, meta.salutation) == (
        "临江市第十七届人民代表大会第六次会议", "2026-01-15", "市长", "王某某", "各位代表：",
    )


def test_gongwen_head():
    document = parse_text(
        "临江市人民政府办公室\n关于进一步加强防汛工作的通知\n临政办发〔2025〕12号\n各县（市、区）人民政府，市政府各部门：\n"
        "为做好防汛工作，现通知如下。\n一、提高认识\n临江市人民政府办公室\n2025年6月1日"
    )
    meta = document.meta
    assert (document.title, document.doc_type) == ("临江市人民政府办公室关于进一步加强防汛工作的通知", "通知")
    assert (meta.doc_number, meta.addressee, meta.date) == ("临政办发〔2025〕12号", "各县（市、区）人民政府，市政府各部门：", "2025-06-01")


def test_nothing_is_guessed():
    document = parse_text("同志们：\n今天我们开个短会。\n一、甲\n二、乙")
    assert document.title is None and document.doc_type is None
    meta = document.meta.model_dump(exclude_none=True)
    assert meta == {"salutation": "同志们：", "declared_counts": []}


def test_published_outline_on_top():
    text = "【提纲】一、提高认识。一是统一思想。二是明确责任。二、狠抓落实。\n在会议上的讲话\n同志们：\n一、提高认识\n一是统一思想。要统一。\n"
    document = parse_text(text)
    published = document.meta.published_outline
    assert published.line == 1 and published.missing == 2
    assert [(h.marker, h.in_body) for h in published.headings] == [("一、", True), ("一是", True), ("二是", False), ("二、", False)]
    assert "truncated" in [d.code for d in document.diagnostics]
    assert document.title == "在会议上的讲话"


def test_agenda_from_openings_alone():
    text = (
        "在表彰大会上的主持词\n同志们：\n现在开会。\n会议进行第一项：全体起立，奏唱国歌。\n"
        "会议进行第二项：请“最美志愿者”代表王某某同志发言。\n下面进行会议第三项议程：请县委书记同志作重要讲话。\n散会。"
    )
    document = parse_text(text)
    assert [(a.ordinal, a.title, a.label, a.speaker, a.opening_line) for a in document.agenda] == [
        (1, "全体起立，奏唱国歌", None, None, 4),
        (2, "请“最美志愿者”代表王某某同志发言", None, "“最美志愿者”代表王某某", 5),
        (3, "请县委书记同志作重要讲话", None, "县委书记", 6),
    ]
    assert document.doc_type == "主持词"


def test_host_steps_make_the_agenda_when_nothing_is_numbered():
    text = (
        "在全镇2026年安全生产工作会议上的主持词\n同志们：\n现在开会。\n"
        "首先，请镇党委委员、副镇长李某某同志通报一季度安全生产检查情况。\n"
        "接下来，观看安全生产警示教育片《生命至上》。\n刚才，我们观看了警示教育片，教训深刻。\n"
        "现在，请镇长王某某同志与各村（社区）负责同志签订安全生产责任书。\n"
        "下面请镇党委书记赵某某同志讲话。大家欢迎！\n同志们，刚才赵书记的讲话很重要，请大家认真抓好落实。\n散会。\n"
    )
    agenda = parse_text(text).agenda
    assert [(a.ordinal, a.title, a.speaker, a.opening_line) for a in agenda] == [
        (1, "请镇党委委员、副镇长李某某同志通报一季度安全生产检查情况", "镇党委委员、副镇长李某某", 4),
        (2, "观看安全生产警示教育片《生命至上》", None, 5),
        (3, "请镇长王某某同志与各村（社区）负责同志签订安全生产责任书", "镇长王某某", 7),
        (4, "请镇党委书记赵某某同志讲话", "镇党委书记赵某某", 8),
    ]


def test_hand_over_lines_in_a_speech_are_no_agenda():
    text = "同志们：\n今年以来，全镇安全形势平稳。\n下面请王某某同志讲话。\n首先，请李某某同志介绍情况。\n"
    assert parse_text(text).agenda == []


@pytest.mark.parametrize(
    "text, date",
    [
        ("青溪县物业管理条例\n（2025年10月28日青溪县第十七届人民代表大会常务委员会第二十六次会议通过）\n第一章 总则\n", "2025-10-28"),
        ("青溪县政府施政報告\n中華民國115年5月12日\n壹、前言\n", "2026-05-12"),
        ("在开幕式上的致辞\n各位来宾：\n2026年4月18日，正值春和景明。今天，我们在这里相聚。\n", "2026-04-18"),
    ],
)
def test_dates_from_passage_notes_roc_years_and_openings(text, date):
    assert parse_text(text).meta.date == date


def test_type_and_closing_of_a_hong_kong_speech():
    text = "協會主席在二〇二六創科博覽開幕典禮致辭\n各位嘉賓：\n第一，創新。\n第二，合作。\n最後，多謝各位參展團隊的付出。\n多謝各位！\n"
    document = parse_text(text)
    assert (document.doc_type, document.meta.meeting, document.meta.closing) == ("致辞", "二〇二六創科博覽開幕典禮", "多謝各位！")
    assert [n.marker for n in document.headings()] == ["第一，", "第二，"]


# --- agendas as host scripts write them: one short script a row -------------------------------
# Each row: the script's lines after 现在开会。, and the agenda as (ordinal, title, speaker, opening line).
# Line 1 is the title, 2 the salutation, 3 现在开会。, so the rows' own lines start at 4.

AGENDA_FORMS = [
    (
        "inline 第X项 declaration",
        ["今天的会议主要有两项议程，第一项是传达学习市人大常委会会议精神；第二项由区人大常委会主任张某某同志作讲话。",
         "下面进行第一项议程，请区人大常委会办公室主任李某同志传达。", "（传达完毕后）", "进行第二项议程，请张某某主任讲话。"],
        [(1, "传达学习市人大常委会会议精神", "区人大常委会办公室主任李某", 5),
         (2, "由区人大常委会主任张某某同志作讲话", "张某某主任", 7)],
    ),
    (
        "declaration without ordinals",
        ["今天会议的议程是：听取县政府关于民生实事办理情况的报告，审议人事任免事项，表决有关决议。",
         "首先，进行会议第一项议程，请副县长××同志作报告。", "进行会议第二项议程，审议人事任免事项。", "进行会议第三项议程，表决有关决议。"],
        [(1, "听取县政府关于民生实事办理情况的报告", "副县长××", 5), (2, "审议人事任免事项", None, 6), (3, "表决有关决议", None, 7)],
    ),
    (
        "declaration without ordinals, ；-separated, count given",
        ["本次会议议程共有三项：传达上级精神；通报考核结果；县长讲话。", "进行第一项议程。", "进行第二项议程。", "进行第三项议程。"],
        [(1, "传达上级精神", None, 5), (2, "通报考核结果", None, 6), (3, "县长讲话", None, 7)],
    ),
    (
        "list on the line after the declaration",
        ["会议的议程有三项。", "一是传达上级防汛工作会议精神；二是镇水利站通报汛前检查情况；三是镇长作防汛工作部署。",
         "下面进行第一项议程。请镇党委副书记王某同志传达。", "进行第二项议程。请镇水利站站长刘某同志通报。", "进行第三项议程。请镇长陈某某同志讲话。"],
        [(1, "传达上级防汛工作会议精神", "镇党委副书记王某", 6), (2, "镇水利站通报汛前检查情况", "镇水利站站长刘某", 7),
         (3, "镇长作防汛工作部署", "镇长陈某某", 8)],
    ),
    (
        "list on the line after the declaration, Traditional",
        ["會議的議程有三項。", "一是傳達上級防汛工作會議精神；二是鎮水利站通報汛前檢查情況；三是鎮長作防汛工作部署。",
         "下面進行第一項議程。請鎮黨委副書記王某同志傳達。", "進行第二項議程。請鎮水利站站長劉某同志通報。", "進行第三項議程。請鎮長陳某某同志講話。"],
        [(1, "傳達上級防汛工作會議精神", "鎮黨委副書記王某", 6), (2, "鎮水利站通報汛前檢查情況", "鎮水利站站長劉某", 7),
         (3, "鎮長作防汛工作部署", "鎮長陳某某", 8)],
    ),
    (
        "synonym 日程, opened as 进行第一项日程",
        ["此次会议的日程共有两项：一是表彰科技创新先进单位；二是市长作重要讲话。",
         "下面进行第一项日程，请市科技局局长赵某同志宣读表彰决定。", "（宣读完毕）", "进行第二项日程：请市长××同志讲话。"],
        [(1, "表彰科技创新先进单位", "市科技局局长赵某", 5), (2, "市长作重要讲话", "市长××", 7)],
    ),
    (
        "synonym 程序 with 第一项， and 下一项",
        ["今天会议的程序有三项：第一项，听取县教育局工作报告；第二项，表彰优秀教师；第三项，县长讲话。",
         "首先，进行会议第一项程序，请县教育局局长作工作报告。", "其次，进行会议第二项程序，请县委常委宣读表彰决定。",
         "下面，进行下一项程序，请县长讲话。"],
        [(1, "听取县教育局工作报告", "县教育局局长", 5), (2, "表彰优秀教师", "县委常委", 6), (3, "县长讲话", "县长", 7)],
    ),
    (
        "synonym 议题 counted with 个, openings only, 首先/其次/最后 are the host's",
        ["今天会议共有三个议题。", "首先，进行会议第一个议题，请市委组织部副部长宣布市委决定。",
         "其次，进行第二个议题，请新任县委书记讲话。", "最后，进行最后一个议题，请市委常委、组织部部长讲话。"],
        [(1, "请市委组织部副部长宣布市委决定", "市委组织部副部长", 5), (2, "请新任县委书记讲话", "新任县委书记", 6),
         (3, "请市委常委、组织部部长讲话", "市委常委、组织部部长", 7)],
    ),
    (
        "ceremony steps 第一项， without a declaration",
        ["第一项，鸣炮奏乐；", "第二项，请县住房和城乡建设局局长周某某同志介绍工程概况；", "（介绍完毕后）",
         "第三项，请施工单位代表发言；", "第四项，请县委书记××同志宣布开工。", "（鸣炮）"],
        [(1, "鸣炮奏乐", None, 4), (2, "请县住房和城乡建设局局长周某某同志介绍工程概况", "县住房和城乡建设局局长周某某", 5),
         (3, "请施工单位代表发言", "施工单位代表", 7), (4, "请县委书记××同志宣布开工", "县委书记××", 8)],
    ),
    (
        "a stage direction after the opening is no title or label",
        ["本次会议议程共有两项：一是宣读表彰决定；二是颁奖。", "进行第一项议程：（宣读名单）", "进行第二项议程：（奏乐）请领导颁奖。"],
        [(1, "宣读表彰决定", None, 5), (2, "颁奖", None, 6)],
    ),
    (
        "a stage direction inside the opening's words, Traditional",
        ["本次會議議程共有兩項。", "進行第一項議程：（宣讀名單）表彰先進。", "進行第二項議程：（奏樂）頒獎。"],
        [(1, "表彰先進", None, 5), (2, "頒獎", None, 6)],
    ),
    (
        "declaration 共有以下三项, first item opened as a step (大会的第一项议程是：), then 进行下一项",
        ["本次会议议程共有以下三项：一是传达文件精神；二是表彰先进；三是书记讲话。", "首先，大会的第一项议程是：传达文件精神。",
         "下面，进行下一项议程，请县委常委、宣传部部长宣读表彰决定。", "进行最后一项议程，请县委书记讲话。"],
        [(1, "传达文件精神", None, 5), (2, "表彰先进", "县委常委、宣传部部长", 6), (3, "书记讲话", "县委书记", 7)],
    ),
    (
        "count then 分别是： and an unnumbered list; openings 会议的第一项议程是… and 进行会议议程第二项",
        ["今天的会议共有两项议程，分别是：听取县政府工作报告；审议县人大常委会工作报告。",
         "会议的第一项议程是听取县政府工作报告，请县长作报告。", "下面进行会议议程第二项，请县人大常委会主任作报告。"],
        [(1, "听取县政府工作报告", "县长", 5), (2, "审议县人大常委会工作报告", "县人大常委会主任", 6)],
    ),
    (
        "declaration ending its line, the list on the next line numbered 第一項，…；第二項，… (Traditional)",
        ["本次會報議程共有兩項。", "第一項，聽取消防局防災整備情形報告；第二項，各鄉鎮市公所提案討論。",
         "現在進行第一項議程，請消防局陳局長報告。", "進行最後一項議程，提案討論。"],
        [(1, "聽取消防局防災整備情形報告", "消防局陳局長", 6), (2, "各鄉鎮市公所提案討論", None, 7)],
    ),
    (
        "count before 程序: 今天大会共有两项程序：一是…；二是…",
        ["今天大会共有两项程序：一是听取和审议工作报告；二是选举产生新一届委员会。",
         "现在进行大会第一项程序，请社区党委书记作工作报告。", "进行大会最后一项程序，选举产生新一届委员会。"],
        [(1, "听取和审议工作报告", "社区党委书记", 5), (2, "选举产生新一届委员会", None, 6)],
    ),
    (
        "the last item handed over with 最后，请… after the next-to-last opening; 请X同志受…委托，作…的说明",
        ["本次会议议程共有两项：一是审议规划修编议案；二是县长讲话。",
         "下面进行第一项议程，请县自然资源局局长××同志受县人民政府委托，作关于提请审议规划修编议案的说明。",
         "最后，请县长××同志讲话。"],
        [(1, "审议规划修编议案", "县自然资源局局长××", 5), (2, "县长讲话", "县长××", 6)],
    ),
    (
        "declaration 今天的会议主要有两项内容",
        ["今天的会议主要有两项内容：一是通报一季度经济运行情况；二是县长作讲话。", "下面进行第一项，请县统计局局长通报。",
         "进行第二项，请县长讲话。"],
        [(1, "通报一季度经济运行情况", "县统计局局长", 5), (2, "县长作讲话", "县长", 6)],
    ),
    (
        "host steps without numbers, hand-overs without 同志",
        ["首先，请县统计局局长通报一季度经济运行情况。", "接下来，请县发改局作表态发言。", "最后，请县委书记讲话。"],
        [(1, "请县统计局局长通报一季度经济运行情况", "县统计局局长", 4), (2, "请县发改局作表态发言", "县发改局", 5),
         (3, "请县委书记讲话", "县委书记", 6)],
    ),
    (
        "list numbered 一、…；二、… inside the declaring sentence",
        ["会议的主要议程是：一、听取县政府工作报告；二、审议预算草案。", "进行第一项议程。", "进行第二项议程。"],
        [(1, "听取县政府工作报告", None, 5), (2, "审议预算草案", None, 6)],
    ),
    (
        "议程有两个, steps named 议题一： / 下面进行议题二，",
        ["今天会议的议题有两个。", "议题一：研究全县防汛工作。请县水利局局长作汇报。", "下面进行议题二，审议招商引资优惠政策。"],
        [(1, "研究全县防汛工作", "县水利局局长", 5), (2, "审议招商引资优惠政策", None, 6)],
    ),
    (
        "declared items opened by unnumbered steps, one step per item",
        ["今天的会议有三项议程：一是传达全会精神；二是观看警示教育片；三是县委书记讲话。", "首先，请县纪委书记××同志传达全会精神。",
         "接下来，观看警示教育片《镜鉴》。", "最后，请县委书记××同志讲话。"],
        [(1, "传达全会精神", "县纪委书记××", 5), (2, "观看警示教育片", None, 6), (3, "县委书记讲话", "县委书记××", 7)],
    ),
    (
        "openings only with 程序, the word not leaking into the title",
        ["下面进行第一项程序：全体起立，奏唱国歌。", "进行第二项程序：为受表彰的先进集体颁奖。"],
        [(1, "全体起立，奏唱国歌", None, 4), (2, "为受表彰的先进集体颁奖", None, 5)],
    ),
    (
        "lines without closing stops, stage directions on lines of their own, the hand-over on the next line",
        ["今天会议的议程是：传达上级征兵工作会议精神；表彰先进单位；区长作讲话", "进行第一项议程：（宣读文件）",
         "请区人武部部长孙某同志传达", "（传达完毕后）", "（稍停）", "进行第二项议程：请区委常委宣读表彰通报", "（宣读名单）",
         "进行第三项议程：请区长××同志讲话", "（讲话）"],
        [(1, "传达上级征兵工作会议精神", "区人武部部长孙某", 5), (2, "表彰先进单位", "区委常委", 9), (3, "区长作讲话", "区长××", 11)],
    ),
]


@pytest.mark.parametrize("lines, expected", [(l, e) for _, l, e in AGENDA_FORMS], ids=[c[0] for c in AGENDA_FORMS])
def test_agenda_forms(lines, expected):
    text = "\n".join(["在全县工作会议上的主持词", "同志们：", "现在开会。", *lines, "散会。"])
    document = parse_text(text)
    assert [(a.ordinal, a.title, a.speaker, a.opening_line) for a in document.agenda] == expected
    assert all(a.label is None or "（" not in a.label for a in document.agenda)
    assert not [n.marker for n in document.headings() if n.marker.startswith(("首先", "其次", "最后", "第一"))]


def test_ceremony_steps_are_the_agenda_not_headings():
    text = (
        "青溪县第一中学升旗仪式主持词\n老师们、同学们：\n升旗仪式现在开始。\n第一项：出旗。\n"
        "第二项：升国旗，奏国歌，全体师生行注目礼。\n第三项：请高二（3）班王某某同学作国旗下讲话。\n第四项：请校长讲话。\n升旗仪式到此结束。\n"
    )
    document = parse_text(text)
    assert [(a.ordinal, a.title) for a in document.agenda] == [
        (1, "出旗"), (2, "升国旗，奏国歌，全体师生行注目礼"), (3, "请高二（3）班王某某同学作国旗下讲话"), (4, "请校长讲话"),
    ]
    assert list(document.nodes()) == []


def test_declaration_with_a_count_that_the_list_on_the_next_line_meets():
    text = "同志们：\n现在开会。会议的议程有三项。\n一是传达精神；二是通报情况；三是部署工作。\n散会。\n"
    document = parse_text(text)
    assert [(d.count, d.found) for d in document.meta.declared_counts] == [(3, 3)]
    assert "count-mismatch" not in [d.code for d in document.diagnostics]


def test_steps_in_a_text_that_runs_no_meeting_are_no_agenda():
    text = "关于2025年县级预算调整的说明\n第一项，基本支出调增120万元；\n第二项，项目支出调减80万元。\n"
    assert parse_text(text).agenda == []


def test_fill_in_blanks_and_stage_directions_are_no_damage():
    text = (
        "在县人大常委会会议上的主持词\n各位委员：\n现在开会。本次会议应到委员    名，实到    名，请假    名，符合法定人数。\n"
        "本次会议议程共有两项：一是审议××报告；二是表决人事任免事项。\n进行第一项议程，请副县长××同志作报告。\n（报告完毕后）\n"
        "进行第二项议程。\n（宣读名单）\n同意的请举手。（稍停）请放下。\n散会。\n"
    )
    document = parse_text(text)
    assert [d.code for d in document.diagnostics] == []
    assert "应到委员 名，实到 名，请假 名" in document.text and "（稍停）" in document.text
    assert [(a.ordinal, a.title, a.speaker) for a in document.agenda] == [(1, "审议××报告", "副县长××"), (2, "表决人事任免事项", None)]
    assert not any("（" in n.title for n in document.nodes())


@pytest.mark.parametrize("direction", ["（开场音乐）", "（音乐起，主持人上场）"])
def test_a_stage_direction_above_the_title_is_no_title(direction):
    document = parse_text(f"{direction}\n在全县表彰大会上的主持词\n同志们：\n现在开会。\n")
    assert (document.title, document.doc_type, document.meta.salutation) == ("在全县表彰大会上的主持词", "主持词", "同志们：")


def test_procedures_counted_outside_a_meeting_are_no_agenda():
    text = "关于优化企业开办流程的通知\n各乡镇：\n企业开办共有三项程序：一是名称申报；二是设立登记；三是刻制印章。\n"
    assert parse_text(text).agenda == []


def test_unveiling_ceremony_opened_without_a_host_title():
    text = (
        "青溪县退役军人服务中心揭牌\n尊敬的各位领导、各位来宾：\n青溪县退役军人服务中心揭牌仪式现在开始。\n"
        "第一项，请县委常委、人武部政委××同志致辞；\n（致辞）\n第二项，请市退役军人事务局局长××同志和县长××同志为中心揭牌。\n"
        "（揭牌，鸣炮）\n揭牌仪式到此结束。\n"
    )
    document = parse_text(text)
    assert [(a.ordinal, a.title, a.speaker, a.opening_line) for a in document.agenda] == [
        (1, "请县委常委、人武部政委××同志致辞", "县委常委、人武部政委××", 4),
        (2, "请市退役军人事务局局长××同志和县长××同志为中心揭牌", "市退役军人事务局局长××", 6),
    ]
    assert list(document.nodes()) == []
