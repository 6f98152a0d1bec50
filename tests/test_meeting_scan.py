"""meeting.py's anchored scans: the paragraphs they find must be exactly those the rows find
something in, each paragraph searched alone."""

import re
from types import SimpleNamespace

import pytest
from hypothesis import given, strategies as st

from outline_extractor import meeting, phrases
from outline_extractor.scan import window_safe

_PIECES = [
    "讲三点意见", "从四个方面", "抓好三个方面", "办好十件民生实事", "做到“三个不准”：", "有4个亮点", "以下三点",
    "议程共有五项", "共有三项议程", "一个", "十二项", "三点", "两条", "几个方面", "点", "个", "方面", "“", "”", "：",
    "，", "。", "讲", "有", "做到", "三", "1", "\n", "会议现在开始", "现在开会", "开始", "开会", "大会正式",
    "本次会议议程共有四项", "会议议程：", "议题", "日程", "程序", "内容", "有三项日程", "会议主要有两项内容", "大会的议程如下",
    "两个议题", "会议", "大会", "典礼的程序是", "现在", "正式", "仪式", "典礼", "讲十二点", "研究了", "审议", "有一百",
]
_ANCHORED = (meeting._COUNT_ANCHORS, meeting._DECLARATION, meeting._MEETING_OPENED)


def _paragraphs(text: str) -> SimpleNamespace:
    """What _Anchored reads of a Normalized: the folded text and where its paragraphs start."""
    starts, offset = [], 0
    for line in text.split("\n"):
        starts.append(offset)
        offset += len(line) + 1
    return SimpleNamespace(folded=text, starts=starts)


def _both_modes(anchored: meeting._Anchored) -> list[meeting._Anchored]:
    """The table with its quick anchors and rows one by one, and with its selective anchors
    and combined rows (after _PAY_BACK characters)."""
    quick = meeting._Anchored(anchored.table, anchored._anchor_patterns, anchored._quick_patterns)
    settled = meeting._Anchored(anchored.table, anchored._anchor_patterns, anchored._quick_patterns)
    settled._seen = meeting._PAY_BACK
    return [quick, settled]


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_anchored_scans_find_exactly_the_paragraphs_the_rows_find(pieces):
    text = "".join(pieces)
    lines = text.split("\n")
    for anchored in (mode for table in _ANCHORED for mode in _both_modes(table)):
        rows = anchored.table.rows
        expected = [i for i, line in enumerate(lines) if any(row.search(line) for row in rows)]
        found = list(anchored.paragraphs(_paragraphs(text)))
        assert [number for number, _, _ in found] == expected
        starts = _paragraphs(text).starts
        for number, low, high in found:  # each row finds in the span what it finds in the paragraph
            for row in rows:
                alone = [(m.start() + starts[number], m.end(), m.groupdict()) for m in row.finditer(lines[number])]
                in_span = [(m.start(), m.end() - starts[number], m.groupdict()) for m in row.finditer(text, low, high)]
                assert alone == in_span


def test_every_row_is_safe_to_run_over_joined_paragraphs():
    for anchored in _ANCHORED:
        assert anchored.table.line_safe
        assert all(window_safe(pattern) for pattern in anchored.table.patterns)


def test_a_row_reading_a_window_edge_is_refused():
    """^ and $ read a window's edges unlike a paragraph's; \\A and a look-ahead that may see
    the "\\n" are not line safe: a table of such rows cannot be applied in windows."""
    assert window_safe("讲(?P<n>三)点(?=[：:])")
    for row in ("^讲三点", "讲三点$", r"\A讲三点", r"讲三点(?=\s)"):
        assert not window_safe(row), row
        with pytest.raises(ValueError):
            meeting._reach_of((row,))


def test_a_look_ahead_near_the_window_end_is_read():
    """A look-ahead cut by a window's end: 讲三点(?=：) must not be found in 讲三点。"""
    text = "讲三点" + "x" * 80 + "讲三点。"
    for anchored in _both_modes(meeting._COUNT_ANCHORS):
        assert list(anchored.paragraphs(_paragraphs(text))) == []
        assert [n for n, _, _ in anchored.paragraphs(_paragraphs(text[:-1] + "："))] == [0]


def test_no_anchor_word_overlaps_itself():
    """An anchor found by a literal scan must not overlap itself (all of its places are found)."""
    for words in (phrases.COUNT_UNITS, phrases.AGENDA_DECLARATION_WORDS, phrases.MEETING_OPENED_WORDS):
        for word in words:
            assert not any(word[:k] == word[-k:] for k in range(1, len(word))), word


def test_every_opening_of_a_meeting_holds_an_anchor_word():
    for text in ("现在开会", "会议开始", "大会现在正式开始", "典礼正式开始", "现在开始开会"):
        match = phrases.MEETING_OPENED.search(text)
        assert match and any(word in match.group() for word in phrases.MEETING_OPENED_WORDS)


_STEP_PIECES = ["第一项，", "男：", "女：", "议题一：", "最后，请", "首先，请张某同志讲话。", "下面", "\n", "\n\n", "x", "进行", "第"]


@given(st.lists(st.sampled_from(_STEP_PIECES), max_size=30), st.integers(min_value=0, max_value=6))
def test_paragraph_starts_hold_every_paragraph_a_step_can_open(pieces, first):
    text = "".join(pieces)
    lines = text.split("\n")
    norm = _paragraphs(text)
    norm.paragraphs = lines
    for patterns in (meeting._STEPS, (phrases.HOST_STEP.pattern,)):
        found = meeting.paragraphs_starting(norm, patterns, first)
        assert found == sorted(set(found)) and all(i >= first for i in found)
        opened = [i for i, line in enumerate(lines) if i >= first and any(re.match(p, line) for p in patterns)]
        assert set(opened) <= set(found)


def test_a_declaration_without_a_weak_word_holds_a_strong_one():
    """Outside a meeting being run only the strong words' anchors are scanned: every string
    one of which a declaration must hold carries a weak word (then the declaration is skipped
    there) or a strong one (then it is found)."""
    strong = [w for w in phrases.AGENDA_DECLARATION_WORDS if not meeting._WEAK_AGENDA_WORD.search(w)]
    assert strong
    required = meeting.Table([phrases.AGENDA_DECLARATION]).required
    assert required
    for word in required:
        assert meeting._WEAK_AGENDA_WORD.search(word) or any(s in word for s in strong), word


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_outside_a_meeting_the_strong_scan_finds_every_declaration_that_counts(pieces):
    text = "".join(pieces)
    lines = text.split("\n")
    expected = [
        i for i, line in enumerate(lines)
        if (m := phrases.AGENDA_DECLARATION.search(line)) and not meeting._WEAK_AGENDA_WORD.search(m.group())
    ]
    for anchored in _both_modes(meeting._STRONG_DECLARATION):
        found = [number for number, _, _ in anchored.paragraphs(_paragraphs(text))]
        assert set(expected) <= set(found)
