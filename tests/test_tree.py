from outline_extractor import parse_text


def test_heading_title_is_the_first_sentence_and_the_rest_is_body():
    doc = parse_text("一是要加强政府主导和多部门联动。我们要落实政府主导的工作机制。\n各部门要各负其责。\n二是要加强保障。")
    first = doc.outline[0]
    assert first.title == "要加强政府主导和多部门联动"
    assert first.text == "要加强政府主导和多部门联动。我们要落实政府主导的工作机制。\n各部门要各负其责。"


def test_heading_alone_on_its_line_has_the_whole_line_as_title():
    doc = parse_text("一、总体要求\n（一）指导思想\n正文。")
    assert [n.title for n in doc.headings()] == ["总体要求", "指导思想"]
    assert doc.outline[0].text == "总体要求"


def test_title_stops_at_colon_semicolon_and_half_width_marks():
    doc = parse_text("一、元旦：1月1日放假。\n二、春节;2月放假。\n三、坏事能否变成好事?\n四、清明！放假。")
    assert [n.title for n in doc.headings()] == ["元旦", "春节", "坏事能否变成好事", "清明"]


def test_marker_followed_by_space():
    doc = parse_text("一 重工业和轻工业的关系\n正文。\n二 沿海工业和内地工业的关系")
    assert [(n.marker, n.title) for n in doc.headings()] == [("一", "重工业和轻工业的关系"), ("二", "沿海工业和内地工业的关系")]


def test_spans_point_into_the_normalised_text():
    doc = parse_text("标题\n\n　　一、总体要求\n（一）指导思想。坚持原则。\n二、主要任务")
    for node in doc.nodes():
        assert doc.text[node.span.start:node.span.end].startswith(node.marker)
        assert doc.text[node.span.start:node.span.end].endswith(node.text)
    assert [n.span.line for n in doc.headings()] == [3, 4, 5]


def test_item_titles_run_to_semicolon_full_stop_or_next_item():
    doc = parse_text("目标是：一是首都功能持续提升，二是高质量发展迈上新台阶；三是改革取得新突破。此后再奋斗五年。")
    items = list(doc.nodes())
    assert [i.title for i in items] == ["首都功能持续提升", "高质量发展迈上新台阶", "改革取得新突破"]
    assert items[-1].text == "改革取得新突破。"
    assert all(i.kind == "item" for i in items)


def test_nested_inline_runs():
    doc = parse_text("要做到：一是健全机制：（一）建立台账；（二）定期调度；二是强化保障。")
    top = doc.outline
    assert [(n.marker, n.level) for n in top] == [("一是", 1), ("二是", 1)]
    assert [(n.marker, n.level) for n in top[0].children] == [("（一）", 2), ("（二）", 2)]


def test_a_paragraph_that_is_itself_a_list():
    doc = parse_text("一、工作安排\n一是抓项目；二是抓改革；三是抓民生。\n二、保障措施")
    section = doc.outline[0]
    assert [(n.kind, n.marker, n.title) for n in section.children] == [
        ("heading", "一是", "抓项目"), ("item", "二是", "抓改革"), ("item", "三是", "抓民生"),
    ]


# a paragraph opening with 一是 that goes on with 二是…；三是…, then more numbered text
RUN_ON = "一、总体要求\n一是加强领导，压实责任；二是完善制度；三是强化督查。\n{after}\n二、保障措施"


def _starts_in_walk_order(doc):
    return [node.span.start for node in doc.nodes()]


def test_inline_items_after_a_run_on_paragraph_come_after_its_last_item():
    doc = parse_text(RUN_ON.format(after="主要措施：1.加快审批；2.优化服务。"))
    assert [(n.level, n.marker) for n in doc.nodes()] == [
        (1, "一、"), (2, "一是"), (2, "二是"), (2, "三是"), (3, "1."), (3, "2."), (1, "二、"),
    ]
    starts = _starts_in_walk_order(doc)
    assert starts == sorted(starts)


def test_headings_after_a_run_on_paragraph_come_after_its_last_item():
    doc = parse_text(RUN_ON.format(after="1.加快审批。\n2.优化服务。"))
    starts = _starts_in_walk_order(doc)
    assert starts == sorted(starts)
    third = doc.outline[0].children[2]
    assert (third.marker, [c.marker for c in third.children]) == ("三是", ["1.", "2."])
    # without items the headings under 三是 are still shown
    from outline_extractor.render import render

    assert render(doc, "outline") == "【提纲】一、总体要求。一是加强领导，压实责任。1、加快审批。2、优化服务。二、保障措施。"


def test_a_heading_after_a_run_on_paragraph_counts_on_from_its_last_item():
    doc = parse_text(RUN_ON.format(after="四是严格考核。"))
    assert [n.marker for n in doc.nodes()] == ["一、", "一是", "二是", "三是", "四是", "二、"]
    assert not [d for d in doc.diagnostics if d.code == "ordinal-gap"]


def test_a_title_printed_over_two_lines_is_joined():
    doc = parse_text(
        "一、总体要求\n坚持系统推进。\n二、实施设备更新改造提升行动，推动规模以上制造企业\n智能化改造全覆盖\n"
        "坚持分类推进，由点到面。\n2.1 城乡供水管网漏损监测与压力分区智能调控\n管理平台\n平台应具备监测功能。"
    )
    assert [n.title for n in doc.headings()] == [
        "总体要求", "实施设备更新改造提升行动，推动规模以上制造企业智能化改造全覆盖", "城乡供水管网漏损监测与压力分区智能调控管理平台",
    ]


def test_a_speech_opener_wrapped_before_its_full_stop_is_joined():
    doc = parse_text("同志们：\n第一条，必须坚持把群众满意作为检验基层工作的根本标准，推动\n服务力量向村社一线下沉。\n一是…。\n第二条，必须坚持问题导向。")
    assert doc.headings()[0].title == "必须坚持把群众满意作为检验基层工作的根本标准，推动服务力量向村社一线下沉"


def test_a_run_in_subheading_after_a_heading_stays_apart():
    # short one-sentence lines stand alone elsewhere too: they are subheadings, not title rests
    doc = parse_text(
        "（一）聚焦绿色低碳转型，推动生态环境持续改善\n加强重点流域综合治理。\n实施流域治理工程，完成造林十万亩。\n"
        "持续改善城乡人居环境。\n推进垃圾分类，整治黑臭水体。\n（二）聚焦扩大有效需求，更好融入国内统一大市场\n提振城乡居民消费。\n开展消费季活动。"
    )
    assert [n.title for n in doc.headings()] == ["聚焦绿色低碳转型，推动生态环境持续改善", "聚焦扩大有效需求，更好融入国内统一大市场"]


def test_a_short_heading_and_a_short_first_line_stay_apart():
    doc = parse_text("一、工作要求\n请各单位认真贯彻落实\n二、联系方式\n（主持人宣读名单）")
    assert [n.title for n in doc.headings()] == ["工作要求", "联系方式"]
    doc = parse_text("一、请县委副书记、县长同志宣读表彰决定并颁发奖牌\n同志们：\n现在宣读决定。")
    assert doc.headings()[0].title == "请县委副书记、县长同志宣读表彰决定并颁发奖牌"


def test_runs_inside_items_of_one_paragraph_stay_inside_them_in_document_order():
    # found by fuzzing: the second (1)(2) hung under (3) of the first, out of order, because
    # the items of a paragraph were looked up as if they came sorted
    doc = parse_text("任务有四项：（一）甲；（二）乙，包括：（1）子；（2）丑；（3）寅；（三）丙；（四）丁，包括：（1）卯；（2）辰")
    assert [(n.level, n.marker) for n in doc.nodes()] == [
        (1, "（一）"), (1, "（二）"), (2, "（1）"), (2, "（2）"), (2, "（3）"), (1, "（三）"), (1, "（四）"), (2, "（1）"), (2, "（2）"),
    ]
    for node in doc.nodes():
        assert all(node.span.start <= c.span.start and c.span.end <= node.span.end for c in node.children if c.kind == "item")


def test_lists_repeated_in_one_paragraph_stand_side_by_side():
    # found by a repeat mutation: each run nested in the last item of the one before, one level
    # deeper each time, until Python's recursion limit; a list never nests in its own family
    doc = parse_text("任务：" + "（一）甲；（二）乙；（1）丙；（2）丁；①戊；②己；" * 400)
    assert max(node.level for node in doc.nodes()) == 3
    assert [n.marker for n in doc.outline[:3]] == ["（一）", "（二）", "（一）"]
    assert [c.marker for c in doc.outline[1].children] == ["（1）", "（2）"]
    starts = [node.span.start for node in doc.nodes()]
    assert starts == sorted(starts)
