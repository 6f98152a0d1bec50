"""meeting.py's anchored scans: the paragraphs they find must be exactly those the rows find
something in, each paragraph searched alone."""

from types import SimpleNamespace

from hypothesis import given, strategies as st

from outline_extractor import meeting, phrases

_PIECES = [
    "讲三点意见", "从四个方面", "抓好三个方面", "办好十件民生实事", "做到“三个不准”：", "有4个亮点", "以下三点",
    "议程共有五项", "共有三项议程", "一个", "十二项", "三点", "两条", "几个方面", "点", "个", "方面", "“", "”", "：",
    "，", "。", "讲", "有", "做到", "三", "1", "\n", "会议现在开始", "现在开会", "开始", "开会", "大会正式",
]


def _paragraphs(text: str) -> SimpleNamespace:
    """What _Anchored reads of a Normalized: the folded text and where its paragraphs start."""
    starts, offset = [], 0
    for line in text.split("\n"):
        starts.append(offset)
        offset += len(line) + 1
    return SimpleNamespace(folded=text, _starts=starts)


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_anchored_scans_find_exactly_the_paragraphs_the_rows_find(pieces):
    text = "".join(pieces)
    lines = text.split("\n")
    for anchored in (meeting._COUNT_ANCHORS,):
        rows = anchored.table.rows
        expected = [i for i, line in enumerate(lines) if any(row.search(line) for row in rows)]
        assert list(anchored.paragraphs(_paragraphs(text))) == expected


def test_every_row_is_safe_to_run_over_joined_paragraphs():
    for anchored in (meeting._COUNT_ANCHORS,):
        assert anchored.table.line_safe


def test_a_look_ahead_near_the_window_end_is_read():
    """A look-ahead cut by a window's end: 讲三点(?=：) must not be found in 讲三点。"""
    text = "讲三点" + "x" * 80 + "讲三点。"
    assert list(meeting._COUNT_ANCHORS.paragraphs(_paragraphs(text))) == []
    assert list(meeting._COUNT_ANCHORS.paragraphs(_paragraphs(text[:-1] + "："))) == [0]
