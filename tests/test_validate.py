from outline_extractor import parse_text


def codes(text: str) -> list[tuple[str, int | None]]:
    return [(d.code, d.line) for d in parse_text(text).diagnostics]


def test_gap_in_numbering():
    doc = parse_text("一、甲\n二、乙\n四、丁")
    gap = [d for d in doc.diagnostics if d.code == "ordinal-gap"]
    assert len(gap) == 1 and gap[0].line == 3 and "三" in gap[0].message and gap[0].severity == "warning"


def test_repeated_number():
    assert codes("一、甲\n二、乙\n二、乙") == [("ordinal-gap", 3)]


def test_gap_across_sections_for_numbering_that_runs_on():
    assert codes("一、甲\n（一）子\n（二）丑\n二、乙\n（四）卯") == [("ordinal-gap", 5)]


def test_speech_lists_restart_under_each_section_without_gap():
    assert codes("一、甲\n一是子。\n二是丑。\n二、乙\n一是寅。") == []


def test_mixed_forms_in_one_list():
    assert codes("一、甲\n1.子。\n2、丑。\n3.寅。") == [("mixed-style", 3), ("mixed-style", 4)]


def test_full_width_and_half_width_dots_are_one_form():
    assert codes("1.子。\n2．丑。") == []


def test_no_numbering_is_information_not_an_error():
    doc = parse_text("同志们：今天的会议很重要。谢谢大家！")
    assert doc.outline == []
    assert [(d.code, d.severity) for d in doc.diagnostics] == [("no-numbering", "info")]


def test_clause_numbers_count_within_their_clause():
    doc = parse_text("1 总则\n1.1 目的\n1.3 范围\n2 要求\n2.2 外观\n2.3 尺寸\n3 试验\n3.1 方法")
    assert [(n.marker, n.level) for n in doc.headings()] == [
        ("1", 1), ("1.1", 2), ("1.3", 2), ("2", 1), ("2.2", 2), ("2.3", 2), ("3", 1), ("3.1", 2),
    ]
    assert [d.message for d in doc.diagnostics if d.code == "ordinal-gap"] == [
        "1.3 follows number 1: 1.2 missing", "2.2 is the first of its clause: 2.1 missing",
    ]
