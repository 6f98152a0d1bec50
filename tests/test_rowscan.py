"""scan.RowScan: one pass over the "\\n"-joined text must give what matching each line alone gives."""

import re

import pytest
from hypothesis import given, settings, strategies as st

from outline_extractor import scan
from outline_extractor.detect import _INLINE_SCAN, _INLINE_STYLES, detect
from outline_extractor.normalize import normalize
from outline_extractor.scan import RowScan, start_gate
from outline_extractor.styles import CLAUSE_BOUNDARY, OPENING_SCAN, STYLES, match_at_start

#: Lines written for these tests: markers opening a line and inside it, false friends, a line
#: ending right after a marker's look-ahead would read on (是 at the end, 1 followed by a line).
LINES = [
    "一、总体要求",
    "（一）指导思想。坚持稳中求进；（二）基本原则",
    "工作：一是扩大内需；二是优化结构；三是统一是非",
    "第一，加强领导；第二，压实责任。",
    "第三章 总则",
    "第十二条 本办法自发布之日起施行",
    "1.明确分工(1)细化任务 2.强化督查",
    "1 ",
    "范围",
    "第一是",
    "甲",
    "一 重工业和轻工业",
    "首先，其次，最后，",
    "一、二季度的数据",
    "增长1.5亿元，2024.3",
    "第一",
    "是",
    "5.2.1 细则",
    "①明确分工②强化督查⑴⒈㈠",
    "",
    "A.1 总则",
    "a) 列项",
    "其一，其二是",
    "１２．全角",
    "2026年12.5万元，3.落实",
    "第12）项，(3)整改",
]


def _alone(pattern: re.Pattern[str], line: str) -> list[tuple[int, int, str]]:
    """The reference: the rows' alternation run over one line alone (leftmost, not
    overlapping), each hit's style read with its own pattern; less the hits starting with a
    digit after what no marker may follow (the inline scan does not look for them, detect
    refuses them: 2026年, 12.5): dropping them must hide no other hit."""
    found = []
    for match in pattern.finditer(line):
        if line[match.start()] in "0123456789" and match.start() and line[match.start() - 1] not in CLAUSE_BOUNDARY:
            continue
        style = _INLINE_STYLES[int(match.lastgroup[1:])]
        own = style.pattern.match(line, match.start())
        found.append((match.start(), own.end(), own.group(style.numeral_group)))
    return found


_REFERENCE = re.compile(
    "(?=[0-9(（第一二三四五六七八九十其首再然最①-⑳⑴-⒇⒈-⒛㈠-㈩])(?:"
    + "|".join(f"(?P<_{i}>{re.sub(r'[(][?]P<[a-z]+>', '(?:', s.pattern.pattern)})" for i, s in enumerate(_INLINE_STYLES))
    + ")"
)


def _joined(lines: list[str]) -> tuple[str, list[int]]:
    """The lines as the normaliser joins paragraphs, and where each starts."""
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return "\n".join(lines), starts


def _scanned(lines: list[str]) -> dict[int, list[tuple[int, int, str]]]:
    text, starts = _joined(lines)
    by_line = _INLINE_SCAN.hits_by_line(text)
    return {
        index: [(hit[1] - starts[index], hit[2] - starts[index], _INLINE_SCAN.group(hit, _INLINE_STYLES[hit[0]].numeral_group)) for hit in hits]
        for index, hits in by_line.items()
    }


def test_inline_scan_finds_what_each_line_alone_gives():
    expected = {index: hits for index, line in enumerate(LINES) if (hits := _alone(_REFERENCE, line))}
    assert _scanned(LINES) == expected
    assert expected[2][:2] == [(3, 5, "一"), (10, 12, "二")]


_PIECES = LINES + ["（", "）", "1.", "是，", "、", "十一是", "(12)", "。", "12", "年", " "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=4).map("".join), min_size=1, max_size=8))
def test_inline_scan_on_lines_of_pieces(lines):
    expected = {index: hits for index, line in enumerate(lines) if (hits := _alone(_REFERENCE, line))}
    assert _scanned(lines) == expected


def test_hits_by_line_keeps_lines_with_enough_hits():
    text = "一是甲；二是乙\n三是丙\n"
    by_line = _INLINE_SCAN.hits_by_line(text, at_least=2)
    assert list(by_line) == [0]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join), min_size=1, max_size=6))
def test_a_line_with_too_many_hits_is_read_again_alike(lines):
    """A line past KEPT_A_LINE hits is left LAZY and read again by line_hits: the same hits."""
    text, starts = _joined(lines)
    kept = _INLINE_SCAN.hits_by_line(text, at_least=2)
    limit, scan.KEPT_A_LINE = scan.KEPT_A_LINE, 2
    try:
        capped = _INLINE_SCAN.hits_by_line(text, at_least=2)
    finally:
        scan.KEPT_A_LINE = limit
    assert capped.keys() == kept.keys()
    for line, hits in capped.items():
        end = starts[line + 1] - 1 if line + 1 < len(starts) else len(text)
        if len(kept[line]) > 2:
            assert hits is scan.LAZY
            assert list(_INLINE_SCAN.line_hits(text, starts[line], end)) == kept[line]
        else:
            assert hits == kept[line]


def test_detect_reads_a_lazy_line_as_a_kept_one(monkeypatch):
    text = "工作：一是扩大内需；二是优化结构；三是统一是非；四是稳就业。第一，加强领导；第二，压实责任。"
    before = [(r.style.name, [c.marker for c in r.items]) for r in detect(normalize(text)).runs]
    monkeypatch.setattr(scan, "KEPT_A_LINE", 1)
    after = [(r.style.name, [c.marker for c in r.items]) for r in detect(normalize(text)).runs]
    assert after == before and before[0] == ("cn_shi", ["一是", "二是", "三是", "四是"])


def test_a_style_row_has_one_group_its_numeral():
    """detect reads a marker's numeral as the row's first group (iter_line_openings, hit[3][0])."""
    for style in STYLES:
        assert list(style.pattern.groupindex) == [style.numeral_group], style.name
    text, starts = _joined(LINES)
    hits = OPENING_SCAN.line_start_hits(text, starts)
    openings = list(OPENING_SCAN.iter_line_openings(text))
    assert [line for line, *_ in openings] == list(hits)
    for line, row, length, numeral in openings:
        hit = hits[line]
        assert hit[3] == (OPENING_SCAN.group(hit, STYLES[row].numeral_group),) == (numeral,)
        assert (row, length) == (hit[0], hit[2] - starts[line])


def test_opening_scan_names_the_first_style_of_each_line():
    text, starts = _joined(LINES)
    hits = OPENING_SCAN.line_start_hits(text, starts)
    for index, line in enumerate(LINES):
        rows = [row for row, style in enumerate(STYLES) if style.pattern.match(line)]
        first = rows[0] if rows and line[0] in OPENING_SCAN.first else None
        assert (hits[index][0] if index in hits else None) == first, line
        assert OPENING_SCAN.first_row(line) == first
    assert STYLES[hits[LINES.index("第三章 总则")][0]].name == "chapter"
    assert OPENING_SCAN.group(hits[LINES.index("第三章 总则")], "num") == "三"
    # a look-ahead reads no further than its line: 1 then 范围, 第一是 then 甲
    assert LINES.index("1 ") not in hits and LINES.index("第一是") not in hits


def test_match_at_start_keeps_refusing_false_friends():
    assert match_at_start("一、二季度的数据") is None
    found = match_at_start("一、总体要求")
    assert found[0].name == "cn_dun" and found[1].group(0) == "一、"


def test_a_row_that_could_match_a_line_break_is_refused():
    with pytest.raises(ValueError):
        RowScan([r"甲\s乙"])._compiled


@pytest.mark.parametrize("row", ["甲|乙(?P<num>[一二])丙", "一\\Z", "\\A一、"])
def test_a_row_the_scan_cannot_name_or_place_is_refused(row):
    with pytest.raises(ValueError, match="top-level"):
        RowScan([row], line_start=True).line_start_hits("甲x\n乙一丙", [0, 3])


def test_start_gate():
    assert start_gate([r"^\d+万", r"^[%‰]"]) == (frozenset("%‰"), True)
    assert start_gate([r"万"]) is None  # not anchored: could match anywhere
    assert start_gate([r"^x?"]) is None  # can match the empty string
