"""The linear joining pass decides exactly as the pass it replaced (kept here as the reference,
quadratic: it rebuilt the joined text for every line and searched all of it)."""

import re

from hypothesis import example, given, settings, strategies as st

from outline_extractor.normalize import Context, Line, join, join_hard_wraps, ends_open, wrap_width
from outline_extractor.normalize.joining import _has_run_in_subheads
from outline_extractor.styles import match_at_start
from outline_extractor.traditional import fold

_CONTINUATION_START = set("，,。、；;：:！？!?）)」』》”’〕")
_TERMINATOR_INSIDE = re.compile(r"[。！？!?；;]")
_COMMA = re.compile(r"[，,、]")


def _reference(lines, starts_paragraph):
    width = wrap_width(lines)
    indented = sum(line.indented for line in lines)
    indent_marks = max(2, 0.05 * len(lines)) <= indented < len(lines)
    subheads = _has_run_in_subheads(lines, starts_paragraph)
    out = [lines[0]]
    for line in lines[1:]:
        previous = out[-1]
        joins = _continues(previous, line, width, indent_marks, starts_paragraph, subheads)
        out[-1:] = [join(previous, line)] if joins else [previous, line]
    return out


def _title_rest(previous, line, subheads):
    """joining._title_may_run_on, read on the joined line: a heading title printed over two lines."""
    if subheads and line.text.endswith("。"):
        return False
    rest = line.text[:-1] if line.text.endswith("。") else line.text
    return (
        len(previous.pieces) == 1 and len(previous.text) >= 22 and len(line.text) <= 24
        and line.text[0] not in "（(【[〔" and line.text[-1] not in "：:"
        and not _TERMINATOR_INSIDE.search(rest) and not _COMMA.search(rest)
    )


def _continues(previous, line, width, indent_marks, starts_paragraph, subheads):
    if line.blank_before or line.text.startswith("【提纲】"):
        return False
    last_piece = previous.text[previous.pieces[-1][0]:]
    if len(last_piece) >= 20 and line.text.startswith(last_piece[:20]):
        return False
    if line.text[0] in _CONTINUATION_START:
        return True
    if indent_marks and line.indented:
        return False
    if width is not None and indent_marks and len(last_piece) >= 0.6 * width:
        return True
    if starts_paragraph(line.text) and previous.text[-1] not in "，,、":
        return False
    if width is not None:
        return len(last_piece) >= 0.85 * width and ends_open(previous.text)
    if not ends_open(previous.text):
        return False
    if previous.text[-1] in "，,、":
        return True
    if indent_marks and not line.indented and not previous.indented:
        return False
    if _TERMINATOR_INSIDE.search(previous.text):
        return True
    if starts_paragraph(previous.text):
        return _title_rest(previous, line, subheads)
    return len(previous.text) >= 40 and bool(_COMMA.search(previous.text))


def _full_marker_test(text: str) -> bool:
    """opens_with_marker without its MARKER_REACH cut: the whole text is read."""
    return match_at_start(fold(text)) is not None


_WORDS = ["一、", "二是", "第一，", "（一）", "1.", "张三、", "我们要坚持稳中求进工作总基调", "统筹发展和安全",
          "，", "。", "；", "”", "）", "abc", "12", " ", "一", "【提纲】", "各级各部门要扎实推进各项工作落地见效",
          "我们要坚持稳中求进工作总基调，统筹发展和安全各级各部门要扎实推进各项工作落地见效"]


_RARELY = st.integers(0, 9).map(lambda n: n == 0)  # indentation and blank lines: now and then


@example([(["一、", "我们要坚持稳中求进工作总基调", "统筹发展和安全"], False, False), (["统筹发展和安全"], False, False),
          (["各级各部门要扎实推进各项工作落地见效", "。"], False, False)])  # a heading title over two lines
@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6), _RARELY, _RARELY),
                min_size=1, max_size=40))
def test_linear_joining_decides_as_before(specs):
    def make():
        lines = []
        for number, (words, indented, blank) in enumerate(specs, start=1):
            text = "".join(words).strip() or "字"
            lines.append(Line(text, number, indented=indented, blank_before=blank))
        return lines

    expected = _reference(make(), _full_marker_test)
    got = join_hard_wraps(make(), Context(), _full_marker_test)
    assert [(line.text, line.number, line.pieces) for line in got] == [
        (line.text, line.number, line.pieces) for line in expected
    ]
