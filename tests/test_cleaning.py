"""Each cleaning rule on text written for this test: what is dropped, how it is reported."""

import pytest

from outline_extractor import parse_text
from outline_extractor.boilerplate import CRUFT, CUT_PROMPTS
from outline_extractor.normalize import normalize


def kept(raw: str) -> list[str]:
    return [p.text for p in normalize(raw).paragraphs]


def codes(raw: str) -> list[str]:
    return [d.code for d in parse_text(raw).diagnostics]


BODY = "同志们：\n今天召开全镇防汛工作会议，我讲两点意见。\n一、提高认识\n二、落实责任\n"


@pytest.mark.parametrize("row", CRUFT, ids=lambda row: f"{row.reason}: {row.example}")
def test_each_table_row_matches_its_example(row):
    assert row.pattern.match(row.example)


@pytest.mark.parametrize(
    "lines",
    [
        ["下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】"],
        ["【字体：", "大", "中", "小", "】", "分享："],
        ["当前位置：", "首页", ">", "政务公开", ">", "领导讲话"],
        ["当前位置：首页 > 范文大全 > 讲话稿"],
        ["来源：", "临江日报客户端", "发表时间：", "2025-03-02 09:45:30", "阅读量："],
        ["以下是网友为您整理分享的“在防汛工作会议上的讲话”相关范文，供您参考！"],
        ["县长作工作报告。本报记者 李明 摄"],
    ],
)
def test_site_cruft_on_top_is_dropped_and_reported(lines):
    raw = "\n".join(lines) + "\n在全镇防汛工作会议上的讲话\n" + BODY
    assert kept(raw)[0] == "在全镇防汛工作会议上的讲话"
    document = parse_text(raw)
    cruft = [d for d in document.diagnostics if d.code == "cruft-removed"]
    assert cruft and cruft[0].line == 1 and f"({len(lines)})" in cruft[0].message
    assert document.title == "在全镇防汛工作会议上的讲话"


@pytest.mark.parametrize(
    "lines",
    [
        ["扫一扫在手机打开当前页", "【打印本页】【关闭窗口】"],
        ["相关报道：", "0f3c9a7d5e2b4c6a8d1e3f5a7b9c1d2e:", "全镇干部群众热议防汛工作会议精神"],
        ["责任编辑：", "王小明", "上一篇：关于做好秋粮收购工作的通知", "下一篇：返回列表"],
        ["本文6元", "点击下载全文"],
        ["》》点击图片进入专题《《", "收藏", "|", "分享到:", "分享到微信", "×"],
    ],
)
def test_site_cruft_at_the_end_is_dropped(lines):
    raw = BODY + "谢谢大家！\n" + "\n".join(lines) + "\n"
    assert kept(raw)[-1] == "谢谢大家！"
    assert "cruft-removed" in codes(raw)


def test_omission_is_truncated_with_the_number_of_characters():
    raw = BODY + "……(某某文库www.example.com此处省略986字。不往下看了，点击下载全文)……\n三、加强保障\n"
    document = parse_text(raw)
    cut = [d for d in document.diagnostics if d.code == "truncated"]
    assert len(cut) == 1 and "986" in cut[0].message and cut[0].line == 5
    assert "此处省略" not in document.text


def test_preview_end_is_truncated():
    raw = BODY + "预览结束，全文4210字，当前显示2650字，还剩1560字\n本文6元\n"
    document = parse_text(raw)
    assert [d.message for d in document.diagnostics if d.code == "truncated"] == [
        "the text is cut at line 5 (preview end; 1560 characters omitted; the marker line is dropped)"
    ]


def test_a_line_that_only_marks_a_cut_is_reported_once_as_truncated():
    raw = BODY.replace("二、落实责任", "（此处有删节）\n二、落实责任")
    assert codes(raw) == ["truncated"]


def test_a_cut_marker_breaks_the_paragraph():
    raw = "一是要提高认识。防汛是\n……(此处省略500字)……\n力度，确保安全。\n"
    assert kept(raw) == ["一是要提高认识。防汛是", "力度，确保安全。"]


def test_repeated_paragraph_is_dropped_once():
    paragraph = "各村要在汛前完成堤防巡查，发现隐患立即整改，确保安全度汛。"
    raw = BODY + paragraph + "\n" + paragraph + "\n"
    assert kept(raw).count(paragraph) == 1
    assert codes(raw).count("duplicate-paragraph") == 1


def test_cut_short_copy_after_its_original_is_dropped():
    paragraph = "最后，我要强调的是，各单位要认真落实会议精神，确保防汛工作万无一失。"
    raw = BODY + paragraph + "\n" + paragraph[:25] + " ……\n"
    assert kept(raw)[-1] == paragraph
    assert "duplicate-paragraph" in codes(raw)


def test_cut_short_copy_before_the_full_paragraph_is_dropped():
    full = "（一）全力推进老旧小区改造。今年要完成改造项目35个，统筹推进管网改造、加装电梯和无障碍设施建设。"
    cut = full[:40]
    raw = f"一、抓好重点任务\n{cut}\n{full}\n（二）加快完善配套设施。要补齐养老托育短板。\n"
    assert kept(raw) == ["一、抓好重点任务", full, "（二）加快完善配套设施。要补齐养老托育短板。"]
    assert "duplicate-paragraph" in codes(raw)


def test_a_cut_copy_is_not_joined_to_its_full_repeat():
    full = "我们要坚持以人民为中心的发展思想，统筹推进管网改造、加装电梯和无障碍设施建设，切实改善群众居住条件。"
    raw = f"同志们：\n{full[:45]}\n{full}\n"
    assert kept(raw) == ["同志们：", full]


def test_opening_repeated_at_the_very_end_is_dropped():
    opening = "现在，我代表县人民政府，向大会报告工作，请予审议。"
    body = "\n".join(f"第{n}段正文，内容各不相同，编号{n}。" for n in range(12))
    raw = f"各位代表：\n{opening}\n{body}\n各位代表：{opening}\n"
    paragraphs = kept(raw)
    assert paragraphs[-1] != f"各位代表：{opening}"
    assert "duplicate-paragraph" in codes(raw)


def test_title_repeated_after_a_blurb_is_not_body():
    raw = "在全镇防汛工作会议上的讲话\n以下是网友为您整理的范文，供您参考！\n在全镇防汛工作会议上的讲话\n" + BODY
    assert kept(raw)[:2] == ["在全镇防汛工作会议上的讲话", "同志们："]


def test_issuer_signature_repeating_the_title_line_stays():
    raw = (
        "清河县人民政府办公室\n关于做好汛期安全生产工作的通知\n各乡镇人民政府，县直各单位：\n"
        "一、压实责任\n各乡镇要落实属地责任，主要负责同志要亲自部署检查。\n"
        "二、加强值守\n汛期实行24小时值班和领导带班制度，确保信息畅通。\n"
        "清河县人民政府办公室\n2025年6月3日\n"
    )
    assert kept(raw)[-2:] == ["清河县人民政府办公室", "2025年6月3日"]
    assert "cruft-removed" not in codes(raw)


def test_title_repeated_after_boilerplate_at_the_end_is_dropped():
    raw = "在全镇防汛工作会议上的讲话\n" + BODY + "打印本页\n关闭窗口\n在全镇防汛工作会议上的讲话\n"
    assert kept(raw)[-1] == "二、落实责任"


VOTE = "同意的请举手。（稍停）请放下。不同意的请举手。（稍停）没有。弃权的请举手。（稍停）没有。通过。"


@pytest.mark.parametrize("procedure", ["通过。", "同意的请举手。（稍停）请放下。", VOTE])
def test_procedure_lines_a_host_repeats_stay(procedure):
    raw = (
        "同志们：\n进行会议第一项议程，表决县人大常委会关于批准县级决算的决议。\n" + procedure + "\n"
        "进行会议第二项议程，表决县人大常委会关于人事任免的决定。\n" + procedure + "\n"
        "进行会议第三项议程，表决县人大常委会关于民生实事的决议。\n" + procedure + "\n散会。\n"
    )
    assert kept(raw).count(procedure) == 3
    assert "duplicate-paragraph" not in codes(raw)


def test_a_procedure_line_said_twice_in_a_row_is_dropped_and_reported():
    raw = "同志们：\n进行会议第一项议程，表决决议。\n" + VOTE + "\n" + VOTE + "\n散会。\n"
    assert kept(raw).count(VOTE) == 1
    assert [d.line for d in parse_text(raw).diagnostics if d.code == "duplicate-paragraph"] == [4]


def test_a_long_paragraph_repeated_further_on_is_a_copy():
    paragraph = "各村要在汛前完成堤防巡查和山塘水库安全检查，发现隐患立即整改，逐一落实防汛责任人和转移路线，确保人民群众生命财产安全万无一失。"
    raw = BODY + paragraph + "\n三、强化保障\n" + paragraph + "\n"
    assert kept(raw).count(paragraph) == 1
    assert codes(raw).count("duplicate-paragraph") == 1


def test_short_repeated_lines_are_not_duplicates():
    raw = "一、提高认识\n同志们：\n正文。\n二、落实责任\n同志们：\n正文。\n"
    assert kept(raw).count("同志们：") == 2


def test_byline_rows_only_at_the_edges():
    middle = "\n".join(f"正文第{n}段，内容。" for n in range(25))
    raw = "关于召开防汛会议的通知\n" + middle + "\n时间：2025年6月1日上午9时\n地点：镇政府三楼会议室\n" + middle.replace("正文", "又一段")
    assert "时间：2025年6月1日上午9时" in kept(raw)


def test_letter_spaced_title_is_closed_up():
    assert kept("国务院关于印发\n临 江 市 城 市 更 新 实 施 办 法 的 通 知\n第一章 总 则")[1:] == [
        "临江市城市更新实施办法的通知",
        "第一章 总 则",
    ]


def test_user_patterns(tmp_path):
    from outline_extractor import parse_text as parse

    raw = "青松范文网独家首发\n" + BODY
    assert parse(raw).title == "青松范文网独家首发"
    assert parse(raw, cruft=["青松范文网.{0,10}"]).title is None


def test_a_page_number_between_two_halves_of_a_sentence_is_dropped_and_the_sentence_rejoined():
    first = "各地要切实加强对安全生产工作的领导，主要负责同志要亲自部署、亲自检查，分管负责同志要"
    raw = f"一、加强领导\n{first}\n— 3 —\n具体抓、抓具体，确保各项措施落到实处。\n二、强化保障\n"
    assert kept(raw) == ["一、加强领导", first + "具体抓、抓具体，确保各项措施落到实处。", "二、强化保障"]
    assert "cruft-removed" in codes(raw)


def test_pdf_running_header_beside_a_page_number_is_dropped_and_the_sentence_rejoined():
    raw = (
        "清河县人民政府办公室文件\n清政办发〔2026〕3号\n关于做好春季防火工作的通知\n"
        "一、压实责任\n各乡镇、各有关部门要认真落实森林防火属地管理责任，主要负责同志要亲自部署，分管负责\n— 1 —\n"
        "清河县人民政府办公室文件\n同志要具体抓，确保责任落实到人。\n二、加强巡查\n"
    )
    paragraphs = kept(raw)
    assert "各乡镇、各有关部门要认真落实森林防火属地管理责任，主要负责同志要亲自部署，分管负责同志要具体抓，确保责任落实到人。" in paragraphs
    assert paragraphs.count("清河县人民政府办公室文件") == 1


def test_titles_listed_under_a_recommendations_header_are_dropped():
    raw = BODY + "谢谢大家！\n往期推荐\n一图读懂｜2026年政府工作报告\n三个关键词看全镇新变化\n"
    assert kept(raw)[-1] == "谢谢大家！"
    assert parse_text(raw).meta.closing == "谢谢大家！"


def test_wechat_furniture_is_dropped():
    raw = "点击蓝字 关注我们\n" + BODY + "- END -\n阅读原文\n分享 收藏 点赞 在看\n"
    assert kept(raw) == kept(BODY)


@pytest.mark.parametrize(
    "prompt",
    [example for _, example in CUT_PROMPTS]
    + ["因篇幅问题不能全部显示，请点此查看更多更全内容。", "(未完，点击下一页)", "（未完待续）", "全文已截断", "登录后查看全文>>",
       "成为VIP即可阅读全文", "下载后阅读完整内容", "余下内容未读"],
)
def test_each_cut_prompt_is_reported_as_truncated_and_its_line_dropped(prompt):
    raw = BODY + "各村要加强物资储备。\n" + prompt + "\n"
    document = parse_text(raw)
    assert [(d.code, d.line) for d in document.diagnostics] == [("truncated", 6)]
    assert prompt not in document.text and document.text.endswith("要加强物资储备。")


def test_a_cut_prompt_inside_a_paragraph_keeps_the_paragraph():
    raw = BODY + "各村要加强物资储备，落实抢险队伍……内容已截断\n"
    document = parse_text(raw)
    assert "truncated" in [d.code for d in document.diagnostics]
    assert "要加强物资储备" in document.text


@pytest.mark.parametrize("banner", [
    "Example.top\n法规读本 » 2024-停车办法", "www.example.cn", "https://www.example.gov.cn/", "首页 › 政策 › 办法",
])
def test_a_site_banner_above_the_title_is_not_part_of_it(banner):
    doc = parse_text(f"{banner}\n某市停车场管理办法\n第一条 为了规范停车场管理，制定本办法。\n第二条 本办法自公布之日起施行。")
    assert doc.title == "某市停车场管理办法"


def test_a_standards_cover_lines_stand_above_its_title():
    cover = ["ICS 13.060", "P41", "备案号：", "DB99", "某某省地方标准", "DB99/T 1234—2026", "2026-01-01发布", "2026-03-01实施", "某某省市场监督管理局  发布"]
    doc = parse_text("\n\n".join(cover) + "\n\n泵站巡检规范\n\n1　范围\n本文件规定了泵站巡检的要求。\n2　要求\n巡检应每日一次。")
    assert doc.title == "泵站巡检规范"
    assert [n.marker for n in doc.headings()] == ["1", "2"]


def test_a_breadcrumb_printed_one_crumb_a_line_is_dropped():
    doc = parse_text("您所在的位置：\n首页 >\n通知公告 >\n关于做好防汛工作的通知\n一、压实责任\n各单位要落实责任。\n二、加强值守\n要坚持24小时值班。")
    assert doc.title == "关于做好防汛工作的通知"
    assert [d.message for d in doc.diagnostics if d.code == "cruft-removed"] and [n.marker for n in doc.headings()] == ["一、", "二、"]


#: One written marker for each alternative of each cut row (boilerplate.CUTS and CUT_PROMPTS).
CUT_MARKERS = [
    "此处省略765字", "此处略去12字", "（此处有删节）", "（有删节）", "（略）", "(下略)", "（内容略）",
    "预览结束，全文3000字，当前显示1000字，还剩2000字", "试读结束", "预览已结束", "剩余 1560 字未显示",
    "不往下看了，请点击下载全文", "继续阅读点击下载全文", "点击下载全文",
    "因篇幅问题不能全部显示，请点此查看更多更全内容", "（未完，请点击下一页）", "（未完待续）", "未完待续",
    "内容已截断", "全文过长，已截断", "正文被截断", "查看全文请登录", "登录后即可阅读全文", "请登录后查看完整内容",
    "开通VIP即可查看全文", "成为会员后阅读完整内容", "付费阅读全文", "购买后即可查看剩余内容", "支付后查看全文",
    "下载文档查看全文", "下载后可阅读全文", "剩余80%未读", "余下内容未读", "限于篇幅，此处从略",
    "篇幅所限不再赘述", "（以下内容略）", "（以下省略）", "(以下从略)",
]


@pytest.mark.parametrize("marker", CUT_MARKERS)
def test_every_cut_marker_passes_the_cut_gate(marker):
    """The cut markers are looked for only in lines holding a pair of CUT_GATE: every row's
    every alternative must hold one (a new row that does not is never found)."""
    from outline_extractor.normalize.cleaning import _cut_in, _lines_with_cut

    lines = ["一、总体要求", f"各项工作{marker}扎实推进", "二、重点任务"]
    text = "\n".join(lines)
    starts = [0, len(lines[0]) + 1, len(lines[0]) + len(lines[1]) + 2]
    assert _cut_in(lines[1]) is not None
    assert _lines_with_cut(text, starts) == {1}
