"""Properties that hold for any input: a valid tree, no exception, spans inside the text; and
for texts built from random marker sequences, a tree that nests as the sequence says."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outline_extractor import parse_text, render
from outline_extractor.numerals import int_to_cn

ALPHABET = st.sampled_from(
    list("一二三四五六七八九十是、．.（）()，。；：:;！？第章条节要其首先次最后附件注释1234567890①②\n 　\t")
    + ["统一", "一是", "二是", "（一）", "1.", "一、", "首先，", "其次，", "第一，", "【提纲】", "此处省略12字", "下载", "\ufeff", "\u200b"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=80).map("".join))
def test_any_text_gives_a_valid_tree(text):
    document = parse_text(text)  # never raises
    limit = len(document.text)
    for node in document.nodes():
        assert 0 <= node.span.start <= node.span.end <= limit
        assert node.ordinal >= 1 and node.level >= 1
        assert all(child.level == node.level + 1 for child in node.children)
    for form in ("json", "outline", "markdown", "tree"):
        assert isinstance(render(document, form), str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text_gives_a_valid_tree(text):
    document = parse_text(text)
    assert document.source.chars == len(document.text)
    assert all(n.span.end <= len(document.text) for n in document.nodes())


#: one style per level, in GB/T order: the marker for ordinal n at that level
LEVEL_MARKERS = [
    lambda n: f"{int_to_cn(n)}、",
    lambda n: f"（{int_to_cn(n)}）",
    lambda n: f"{n}.",
    lambda n: f"（{n}）",
]


@st.composite
def marker_outlines(draw):
    """A random outline: each step goes one level down, stays, or climbs any number of levels."""
    depth_sequence = [1]
    for _ in range(draw(st.integers(min_value=0, max_value=25))):
        current = depth_sequence[-1]
        depth_sequence.append(draw(st.integers(min_value=1, max_value=min(current + 1, len(LEVEL_MARKERS)))))
    return depth_sequence


@settings(max_examples=200, deadline=None)
@given(marker_outlines())
def test_random_marker_sequences_nest_as_written(depths):
    counters = [0] * (len(LEVEL_MARKERS) + 1)
    lines, expected = [], []
    for depth in depths:
        counters[depth] += 1
        for deeper in range(depth + 1, len(counters)):
            counters[deeper] = 0
        marker = LEVEL_MARKERS[depth - 1](counters[depth])
        lines.append(f"{marker}标题{len(lines)}。正文内容。")
        expected.append((depth, marker))
    document = parse_text("\n".join(lines))
    assert [(n.level, n.marker) for n in document.headings()] == expected
    assert not [d for d in document.diagnostics if d.code in ("ordinal-gap", "mixed-style")]
