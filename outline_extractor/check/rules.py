"""The proofreading rules: one row each in `RULES` (code, severity, what it checks, why).

A rule reads what the parser computed (nodes with style, marker, ordinal, level, span; the
lists of `validate`; the markers the levels stage refused; declared counts) through the
`Context`, and yields `Hit`s. Rules that can be fixed say so; the fix itself is the Context's
`rewritten()` marker, so that one marker with two faults (（四）、 after （二）) gets one edit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from ..levels import BEGINS_NO_LIST
from ..models import Node
from ..numerals import int_to_cn
from ..styles import STYLE_BY_NAME
from ..validate import ordinal_gaps
from .context import ORDINAL_WORDS, Context, Hit, family_of
from .conventions import numeral_for, reason, render, split_marker

Severity = Literal["info", "warning", "error"]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    fixable: bool
    summary: str  # what it reports, e.g. 一、二、四、
    rationale: str  # why a writer should care, one line (README's rule table)
    check: Callable[[Context], Iterable[Hit]]
    kinds: tuple[str, ...] = ("speech", "gongwen")


# --- numbering -------------------------------------------------------------------------------


def _ordinal_gap(ctx: Context) -> Iterator[Hit]:
    for node, message in ordinal_gaps(ctx.document.outline):
        yield ctx.hit(node, message, fixable=True)


_SPEECH_ORDINALS = {"cn_shi", "cn_yao", "cn_qi", "cn_di", "sequence"}


def _list_start(ctx: Context) -> Iterator[Hit]:
    """Two or more refused markers of one style counting up from above 1 (二、三、 with no 一、)."""
    refused = [r for r in ctx.document.refused_markers if r.reason.startswith(BEGINS_NO_LIST)]
    mixed_lines = {hit.line for hit in _mixed_ordinal_set_refused(ctx)}
    run: list = []
    for marker in refused + [None]:
        if marker is not None and run and marker.style == run[-1].style and marker.ordinal == run[-1].ordinal + 1:
            run.append(marker)
            continue
        if len(run) >= 2 and run[0].ordinal > 1 and run[0].line not in mixed_lines and not _begun_elsewhere(ctx, run[0]):
            first = run[0]
            yield Hit(first.line, ctx.column_of(first.line, first.marker),
                      f"the list {' '.join(r.marker for r in run[:3])} … starts at {first.ordinal}, not at 1")
        run = [marker] if marker is not None else []


def _begun_elsewhere(ctx: Context, marker) -> bool:
    """Whether the number before the run's first stands somewhere in the text (工作：一是…。
    then 二是… 三是… as paragraphs): the list began inside a paragraph, which is no mistake."""
    parts = split_marker(marker.marker)
    if parts is None:
        return False
    previous = numeral_for(parts[1], marker.ordinal - 1, keep_width=True)
    return previous is None or f"{parts[0]}{previous}{parts[2]}" in ctx.document.text


def _mixed_style(ctx: Context) -> Iterator[Hit]:
    for node in ctx.document.nodes():
        target = ctx.form_targets.get(id(node))
        if target and target[1] == "mixed-style":
            parts = split_marker(ctx.printed(node))
            usual = render(target[0], parts[1]) if parts else target[0]
            yield ctx.hit(node, f"{ctx.printed(node)} where the rest of its list writes {usual}", fixable=node.kind == "heading")


def _mixed_ordinal_set(ctx: Context) -> Iterator[Hit]:
    for members in ctx.sibling_lists():
        if family_of(members[0]) != ORDINAL_WORDS:
            continue
        for node in members[1:]:
            if node.style != members[0].style:
                yield ctx.hit(node, f"{node.marker} continues {members[0].marker} with another set of ordinal words")
                break
    yield from _mixed_ordinal_set_refused(ctx)


def _mixed_ordinal_set_refused(ctx: Context) -> Iterator[Hit]:
    """其一，… 二是…: the parser refuses 二是 (no 一是 began it); it continues a list of another set."""
    events: list[tuple[int, str, int, str]] = [
        (node.span.line, node.style, node.ordinal, node.marker)
        for node in ctx.document.headings() if node.style in _SPEECH_ORDINALS
    ]
    events += [
        (r.line, r.style, r.ordinal, r.marker)
        for r in ctx.document.refused_markers if r.style in _SPEECH_ORDINALS and r.reason.startswith(BEGINS_NO_LIST)
    ]
    refused = {r.line: r for r in ctx.document.refused_markers}
    last = None
    for line, style, ordinal, marker in sorted(events):
        if (
            line in refused and last is not None and ordinal == last[2] + 1 and _set_of(style) != _set_of(last[1])
            and not _begun_elsewhere(ctx, refused[line])
        ):
            yield Hit(line, ctx.column_of(line, marker), f"{marker} continues {last[3]} with another set of ordinal words")
        last = (line, style, ordinal, marker)


def _set_of(style: str) -> str:
    found = STYLE_BY_NAME.get(style)
    return found.list_family if found else style


# --- forms -----------------------------------------------------------------------------------


def _marker_punctuation(ctx: Context) -> Iterator[Hit]:
    for node in ctx.document.nodes():
        target = ctx.form_targets.get(id(node))
        if target and target[1] == "marker-punctuation":
            why = reason(node.style, ctx.form(node) or "", ctx.kind)
            yield ctx.hit(node, f"{ctx.printed(node)}: {why}", fixable=node.kind == "heading")


#: The 公文 levels of GB/T 9704 §7.3.3, by list family: 一、 → （一） → 1. → （1）.
_GONGWEN_LEVELS = ("cn_dun", "cn_paren", "arabic_dot", "arabic_paren")
_EXAMPLES = ("一、", "（一）", "1.", "（1）")


def _level_skip(ctx: Context) -> Iterator[Hit]:
    for parent in ctx.document.nodes():
        if family_of(parent) not in _GONGWEN_LEVELS:
            continue
        above = _GONGWEN_LEVELS.index(family_of(parent))
        seen: set[str] = set()
        for child in parent.children:
            family = family_of(child)
            if child.kind != "heading" or family not in _GONGWEN_LEVELS or family in seen:
                continue
            seen.add(family)
            if _GONGWEN_LEVELS.index(family) > above + 1:
                expected = _EXAMPLES[above + 1]
                yield ctx.hit(child, f"{child.marker} under {parent.marker} skips the level {expected} (GB/T 9704: 一、 （一） 1. （1）)")


def _count_mismatch(ctx: Context) -> Iterator[Hit]:
    for declared in ctx.document.meta.declared_counts:
        if declared.count is not None and declared.found is not None and declared.count != declared.found:
            yield Hit(
                declared.line, ctx.column_of(declared.line, declared.phrase),
                f"{declared.phrase} declares {declared.count}; the list at line {declared.found_line} has {declared.found}",
            )


# --- headings --------------------------------------------------------------------------------


#: Styles whose paragraphs are body text, not headings: a law's article is its provision.
_BODY_STYLES = {"article"}
#: Endings of a heading line; a list whose lines end with ； is an enumeration of clauses
#: (the last one ends with 。 by rule), not a list of headings.
_HEADING_ENDINGS = ("", "。")


def _ending(node: Node) -> str | None:
    """How a heading that stands alone on its line ends (。 or "" …); None for a run-in
    heading (its paragraph goes on after the heading sentence) or an article."""
    if node.kind != "heading" or node.style in _BODY_STYLES:
        return None
    first = node.text.split("\n", 1)[0].rstrip()
    if not node.title or not first.startswith(node.title):
        return None
    rest = first[len(node.title):]
    return rest if len(rest) <= 1 else None


def _heading_end(ctx: Context) -> Iterator[Hit]:
    for members in ctx.sibling_lists():
        alone = [(node, _ending(node)) for node in members]
        alone = [(node, ending) for node, ending in alone if ending is not None]
        if any(ending not in _HEADING_ENDINGS for _, ending in alone):
            continue
        endings = [ending for _, ending in alone]
        if len(set(endings)) < 2:
            continue
        usual = max(_HEADING_ENDINGS, key=lambda e: (endings.count(e), -endings.index(e) if e in endings else 0))
        for node, ending in alone:
            if ending != usual:
                yield ctx.hit(node, f"{node.marker}{node.title} ends {_say(ending)}; its siblings end {_say(usual)}")


def _say(ending: str) -> str:
    return f"with {ending}" if ending else "without punctuation"


def _heading_length(ctx: Context) -> Iterator[Hit]:
    limit = ctx.max_heading_length
    for node in ctx.document.headings():
        ending = _ending(node)
        # a numbered paragraph (a sentence with 。 and nothing under it) is body, not a heading
        is_heading = ending == "" or (ending is not None and bool(node.children))
        if is_heading and len(node.title) > limit:
            yield ctx.hit(node, f"heading sentence of {len(node.title)} characters (limit {limit}): {node.title[:12]}…")


def _lone_subitem(ctx: Context) -> Iterator[Hit]:
    for parent in ctx.document.nodes():
        counts = Counter(family_of(child) for child in parent.children if child.kind == "heading")
        for child in parent.children:
            if child.kind == "heading" and counts[family_of(child)] == 1 and child.ordinal == 1:
                yield ctx.hit(child, f"{child.marker} is the only item under {parent.marker}: add a second or drop the number")


# --- references ------------------------------------------------------------------------------

#: What a reference to a numbered part looks like, by the style of the renumbered heading.
_REFERENCE_WORDS = {
    "part": ("部分",), "chapter": ("章",), "section": ("节",), "article": ("条",),
    "cn_dun": ("部分", "点", "项", "方面"), "arabic_dot": ("点", "项"),
}


def _renumbered_reference(ctx: Context) -> Iterator[Hit]:
    """One scan of the input for every way of citing a heading that renumbering changes."""
    if ctx.source is None:
        return
    cited: dict[str, tuple[Node, str]] = {}
    for node in ctx.document.headings():
        new = ctx.renumbered.get(id(node))
        if new is not None:
            renamed = ctx.rewritten(node, {"ordinal-gap"}) or str(new)
            for text in _citations(node):
                cited.setdefault(text, (node, renamed))
    if not cited:
        return
    markers = {(place.line, place.start) for place in ctx.places.values()}
    pattern = re.compile("|".join(re.escape(text) for text in sorted(cited, key=len, reverse=True)))
    for index, line in enumerate(ctx.source.lines):
        for match in pattern.finditer(line):
            if (index, match.start()) in markers:
                continue  # a heading's own marker
            node, renamed = cited[match.group()]
            yield Hit(index + 1, match.start() + 1,
                      f"{match.group()} may refer to {node.marker}, renumbered {renamed} by --fix: check the reference")


def _citations(node: Node) -> list[str]:
    """How the text may cite a heading by its number: 第四部分, 第4点, （四）."""
    parts = split_marker(node.marker)
    arabic = parts is not None and parts[1].isdigit()
    numeral = str(node.ordinal) if arabic or node.ordinal > 999 else int_to_cn(node.ordinal)
    texts = []
    for word in _REFERENCE_WORDS.get(node.style, ()):
        texts.append(f"第{numeral}{word}")
    if node.style in ("cn_paren", "arabic_paren"):
        texts += [f"（{numeral}）", f"({numeral})"]
    return texts


RULES: tuple[Rule, ...] = (
    Rule("ordinal-gap", "error", True, "一、二、四、 or 二、二、",
         "a skipped or repeated number makes readers look for a missing or doubled section", _ordinal_gap),
    Rule("list-start", "warning", False, "二、三、 with no 一、",
         "a list that starts above 1 usually lost its first item (or is an excerpt)", _list_start),
    Rule("mixed-style", "warning", True, "1. beside 1、, （一） beside (二)",
         "one level printed two ways looks careless and can be read as two levels", _mixed_style),
    Rule("mixed-ordinal-set", "warning", False, "首先，其次，第三，; 其一，二是",
         "mixing sets of ordinal words breaks the count the listener follows", _mixed_ordinal_set),
    Rule("marker-punctuation", "warning", True, "一. （一）、 ①. 第一、 １．; in a 公文 1、 (一)",
         "GB/T 15834 and GB/T 9704 fix the punctuation after each kind of number", _marker_punctuation),
    Rule("level-skip", "warning", False, "一、 followed straight by 1.",
         "GB/T 9704 orders 公文 levels 一、 （一） 1. （1） without skipping", _level_skip, kinds=("gongwen",)),
    Rule("count-mismatch", "error", False, "讲三点意见 followed by four",
         "a promised count the text does not deliver is the first thing listeners notice", _count_mismatch),
    Rule("heading-end", "warning", False, "一、总体要求。 beside 二、重点任务",
         "sibling headings should all end with 。 or all without", _heading_end),
    Rule("heading-length", "warning", False, "a heading alone on its line over 40 characters",
         "a heading is read as a signpost; a long one belongs in the body (limit configurable)", _heading_length),
    Rule("lone-subitem", "warning", False, "（一） with no （二）",
         "a list of one item is no list: add the second item or drop the number", _lone_subitem),
    Rule("renumbered-reference", "warning", False, "见第四部分 when 四、 becomes 三、",
         "--fix renumbers headings but never rewrites references to them", _renumbered_reference),
)

RULE_BY_CODE = {rule.code: rule for rule in RULES}
FIXABLE = {rule.code for rule in RULES if rule.fixable}
