"""scan.Table: a table of patterns applied at once must give what the row loop gives."""

import re

import pytest
from hypothesis import given, strategies as st

from outline_extractor.boilerplate import CRUFT, CUTS, without_trailing_cut, TRAILING_CUT
from outline_extractor.phrases import DECLARED_COUNTS
from outline_extractor.scan import COMBINE_AFTER, Table, combinable, first_chars
from outline_extractor.traditional import TRADITIONAL_TO_SIMPLIFIED, fold


def test_first_chars_looks_through_optional_items():
    assert set(first_chars(r"[（(]?此处有删节")[1:-1].replace("\\", "")) == set("（(此")
    assert first_chars(r"\s?预览") in ("[\\s预]", "[预\\s]")
    assert set(first_chars(r"(?:会议|大会)?议程")[1:-1]) == set("会大议")


def test_first_chars_is_none_when_unknown():
    assert first_chars(r".{0,10}下载") is None
    assert first_chars(r"[^。]进行") is None
    assert first_chars(r"x?") is None  # matches the empty string


def _table(patterns, combined: bool) -> Table:
    """A table in one of its two modes: rows tried in turn (a short text), or combined."""
    table = Table(patterns)
    if combined:
        table._calls = COMBINE_AFTER
    return table


@pytest.mark.parametrize("combined", [False, True])
def test_match_gives_the_first_row_in_table_order(combined):
    table = _table([re.compile(r"^ab"), re.compile(r"^a"), re.compile(r"^b")], combined)
    assert table.match("abc") == 0
    assert table.match("ac") == 1
    assert table.match("bc") == 2
    assert table.match("c") is None
    assert ("combined" in table.__dict__) == combined


@pytest.mark.parametrize("combined", [False, True])
def test_match_agrees_with_the_row_loop_on_the_boilerplate_table(combined):
    table = _table([row.pattern for row in CRUFT], combined)
    for row in CRUFT:
        expected = next(i for i, r in enumerate(CRUFT) if r.pattern.match(row.example))
        assert table.match(row.example) == expected


def test_back_references_and_flags_are_not_combined():
    assert not combinable(re.compile(r"(a)\1"))
    assert not combinable(re.compile(r"a", re.IGNORECASE))
    assert combinable(re.compile(r"(?P<n>\d)项"))


def _lines_and_starts(text: str) -> tuple[list[str], list[int]]:
    lines = text.split("\n")
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return lines, starts


_PIECES = ["此处省略12字", "（此处有删节）", "预览结束", "试读结束", "点击下载全文", "讲三点意见", "从四个方面",
           "议程共有五项", "做好两件实事：", "一般", "\n", "。", "（", "略", "有", "12", "三"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_lines_hit_finds_every_line_the_rows_find_something_in(pieces):
    text = "".join(pieces)
    lines, starts = _lines_and_starts(text)
    for patterns in ([p for _, p in CUTS], list(DECLARED_COUNTS)):
        expected = [i for i, line in enumerate(lines) if any(p.search(line) for p in patterns)]
        for combined in (False, True):
            assert set(expected) <= set(_table(patterns, combined).lines_hit(text, starts))


@given(st.text(alphabet="ab …. \u3000。", max_size=12))
def test_trailing_cut_gate_changes_nothing(text):
    assert without_trailing_cut(text) == TRAILING_CUT.sub("", text)


@given(st.text(alphabet="國語學１２3abc汉字𠀀", max_size=40))
def test_fold_is_the_translation(text):
    assert fold(text) == text.translate(TRADITIONAL_TO_SIMPLIFIED)


def _reach(sequence) -> float:
    """Characters a pattern can read from where it starts, look-aheads included."""
    from outline_extractor.scan import _c, _children

    total = 0.0
    for op, av in sequence:
        if op in (_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY):
            total += 1
        elif op is _c.BRANCH:
            total += max(_reach(alternative) for alternative in av[1])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            total += (float("inf") if av[1] == _c.MAXREPEAT else av[1]) * _reach(av[2])
        elif op is _c.ASSERT_NOT or op is _c.ASSERT:
            total += _reach(av[1]) if av[0] == 1 else 0  # a look-behind reads back
        else:
            total += sum(_reach(inner) for inner in _children(op, av))
    return total


def test_no_style_reads_past_marker_reach():
    """opens_with_marker reads only MARKER_REACH characters: every style's pattern (look-aheads
    included) and the 12 characters its guards read after it must fit."""
    from outline_extractor.scan import _sre_parse
    from outline_extractor.styles import MARKER_REACH, STYLES

    for style in STYLES:
        assert _reach(_sre_parse.parse(style.pattern.pattern)) + 12 <= MARKER_REACH, style.name


def test_every_declared_count_row_holds_the_gate():
    """DECLARED_COUNT_GATE must find something in every match of every row: each row has the
    count group right before a measure word (or a group of them) the gate lists."""
    from outline_extractor.phrases import COUNT, COUNT_UNITS, DECLARED_COUNT_GATE, DECLARED_COUNTS

    units = COUNT_UNITS
    for row in DECLARED_COUNTS:
        after = row.pattern.split(COUNT)
        assert len(after) == 2, row.pattern
        first = re.match(r"\(\?:(.*?)[|)]", after[1])
        head = first.group(1).lstrip("个?") if first and first.start() == 0 else after[1]
        assert after[1].startswith(units) or head.startswith(units), row.pattern
    assert DECLARED_COUNT_GATE.search("讲三点意见") and not DECLARED_COUNT_GATE.search("我们要抓好落实")


@given(st.lists(st.sampled_from(_PIECES + ["抓好三个方面", "办好十件实事", "有4个亮点"]), max_size=30))
def test_counts_gate_misses_no_paragraph(pieces):
    from outline_extractor.phrases import DECLARED_COUNT_GATE, DECLARED_COUNTS

    for paragraph in "".join(pieces).split("\n"):
        if any(p.search(paragraph) for p in DECLARED_COUNTS):
            assert DECLARED_COUNT_GATE.search(paragraph)


@given(st.lists(st.sampled_from(["甲", "乙", "x", "xxxx", "\n"]), max_size=40))
def test_lines_hit_with_a_gate_is_exact_when_matches_start_before_the_gate(pieces):
    """The confirming search starts `reach` characters before the line's first gate hit: a
    match that starts well before it (甲xxxx乙, gate 乙) must still be found, and no line
    without a match reported."""
    text = "".join(pieces)
    lines, starts = _lines_and_starts(text)
    patterns = [re.compile(r"甲x{0,5}乙"), re.compile(r"乙乙")]
    expected = [i for i, line in enumerate(lines) if any(p.search(line) for p in patterns)]
    for combined in (False, True):
        table = _table(patterns, combined)
        table.gate = re.compile("乙")
        assert table.lines_hit(text, starts) == expected
        assert _table(patterns, combined).lines_hit(text, starts) == expected  # by the required strings


def test_required_strings_read_through_groups_and_optional_items():
    """A required string runs on through a group of literals or an optional one: 会议开始,
    not the 开始 found in any prose; （略）, not the 略 of 战略."""
    opened = Table([r"现在开会|(?:会议|大会)(?:现在)?开始"]).required
    assert set(opened) == {"现在开会", "会议开始", "大会开始", "会议现在开始", "大会现在开始"}
    cuts = Table([p for _, p in CUTS]).required
    assert "略" not in cuts and "（略）" in cuts
    assert Table([r"(?:现在)?[甲乙]+"]).required == ("乙", "甲")  # the optional item alone is no requirement
