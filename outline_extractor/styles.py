"""The numbering styles, as data.

Each `NumberingStyle` row says how its marker looks at the start of a paragraph, whether it
also runs inside a paragraph (an inline enumeration), and which false friends it must refuse.
A new style is one row here and one row in tests/test_detection_cases.py.

Order matters: the first row whose pattern matches a paragraph's start wins, so more
specific forms come first (第一章 before 第一，, 一是 before 一、, （一） before （1）).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import lazyre
from .numerals import CIRCLED, ENCLOSED_CN, ENCLOSED_DOT, ENCLOSED_PAREN, FORMAL_NUMERAL_CHARS, to_int
from .phrases import AGENDA_OPENING_LINE
from .scan import RowScan, Table, first_char_set, start_gate
from .traditional import fold

_CN = "一二三四五六七八九十百零〇"
CN_NUM = f"[{_CN}]{{1,6}}"
CN_SMALL = "[一二三四五六七八九十]{1,3}"
ARABIC = r"\d{1,3}"

#: Characters after which an inline marker stands at a clause boundary.
CLAUSE_BOUNDARY = set("：:；;。，,！？!? （(\n")
STRONG_BOUNDARY = set("：:；;。！？!?\n")

#: Units that turn `一、二` into a range of numbers (一、二季度, 三、四月份, 一、二年级).
_RANGE_UNITS = "季年月日等级类期批档线届轮号层产次星两"  # 两: 一、二两个区 (districts one and two)
#: Things numbered by a numeral before them: `一、二车间` is workshops one and two, not a marker
#: (while 二、三个方面 and 二、三农工作 are titles: 个 counts, 三农 is a term).
_NUMBERED_NOUNS = ("车间", "班组", "机组", "标段", "工区", "分厂", "厂区", "支部", "中队", "大队", "小队", "小组", "病区", "单元", "片区", "组", "班", "队", "区", "栋", "楼")

#: Units after a number: 3.8亿元, 2.5万户, 1.2.3版: a quantity, a date or a version, no marker.
_UNITS = "万|亿|元|%|％|‰|个|倍|吨|公里|千米|米|平方|亩|人|户|家|项|件|次|小时|天|分|秒|辆|台|套|所|座|千瓦|兆瓦|度|公顷|斤|克|升|岁"
#: After `3.`: the rest of a decimal with its unit (3.8亿元, 2.5万户, 0.5元/吨): no marker.
_DECIMAL_WITH_UNIT = lazyre.compile(rf"^\d+\s?(?:{_UNITS})")
#: After a clause number (1.5 / 2.1 / 1.2.3): a unit of quantity, a date or a version makes it a
#: number. Narrower than _UNITS: a clause title may begin 项目…, 人员…, 分析…
_UNIT_AFTER_NUMBER = lazyre.compile(
    r"^ ?(?:万|亿|元|%|％|‰|倍|吨|公里|千米|米|平方|亩|公顷|斤|克|升|千瓦|兆瓦|岁|小时|个百分点"
    r"|月(?!度)|日|号|时|年(?!度)|版|级|期(?!限)|[-－~～/／:：])"
)

#: GB/T 1.1 clause numbers: parts 1-99, no leading zero, and not followed by a further part.
_CLAUSE_PART = r"[1-9]\d?"
#: A GB/T 1.1 level-1 clause (1 范围) is a title alone on its line: short, no sentence
#: punctuation, at most one space inside (a table row `1 张三 局长 52` is cells, not a title).
_NO_STOP = "[^ 。！？!?；;，,：:]"
_CLAUSE_TITLE = rf"(?= {{1,8}}[^\d 。！？!?；;，,：:]{_NO_STOP}{{0,38}}(?: {_NO_STOP}{{1,30}})?$)"
#: What a closing 最后， says when it ends a speech rather than a list: 最后，祝大会圆满成功！
_CLOSING_WISH = r"(?:我)?(?:想)?(?:再次)?(?:祝|预祝|衷心祝愿|祝愿|恭祝|让我们|衷心感谢|感谢|谢谢|多谢)"


@dataclass(frozen=True)
class NumberingStyle:
    name: str
    #: Marker at a paragraph start (`match` at position 0); group `num` holds the numeral,
    #: or `word` for sequence words.
    pattern: re.Pattern[str]
    #: "cn", "arabic", "circled", "enclosed" (㈠ ⑴ ⒈), "formal", "sequence" (首先 其次 … 最后)
    numeral: str
    example: str
    #: Which boundary an inline occurrence must follow; None = never inline.
    inline: str | None = None
    #: Regexes on the text right after the marker; a match means "not a marker here".
    refuse_after: tuple[re.Pattern[str], ...] = ()
    #: Refuse when the marker is followed by the next numeral and a unit (一、二季度).
    refuse_ranges: bool = False
    #: Whether an inline occurrence not at a clause boundary may be confirmed by segmentation.
    segment_check: bool = False
    #: Place in the GB/T 9704 and statute hierarchy (smaller = higher); None for the speech
    #: styles (一是, 第一，, 首先 …), which nest wherever they first appear.
    rank: int | None = None
    #: Numbering runs on across parents (（三） under 二、 after （一）（二） under 一、; articles
    #: across chapters); speech styles restart under each parent.
    carries_on: bool = True
    #: Styles of one family form one list together: 首先，其次，第三， is one list, in mixed style.
    family: str = ""
    #: Families whose open list this style may continue (a bare 三 after 一、二、 lost its 、).
    may_continue: tuple[str, ...] = ()
    #: Regexes on the text after the marker that make it weak: it must count on an open list
    #: exactly (20.2026年… after 19.; a lone 1.5亿元 is no marker).
    weak_after: tuple[re.Pattern[str], ...] = ()
    #: Renderers put a space between marker and title (第一章 总则, 一 重工业…).
    spaced: bool = False
    #: An inserted item (第五条之一) carries the number of the item it follows: it may repeat
    #: the previous number in its list without being a gap or a step back.
    inserted: bool = False
    description: str = ""
    forms: tuple[str, ...] = field(default=())
    #: The list it counts in: `family`, or its own name (set once: read for every marker).
    list_family: str = field(init=False, repr=False, compare=False)
    #: The pattern's group holding the numeral: `word` for sequence words, else `num`. It is the
    #: pattern's only group: detect reads a marker's numeral as its row's first group
    #: (scan.RowScan.iter_line_openings); tests/test_rowscan.py holds this, as checking it here
    #: would compile every style at import.
    numeral_group: str = field(init=False, repr=False, compare=False)
    #: Whether some false friend is refused after the marker (`refuse_after` or `refuse_ranges`).
    guarded: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "list_family", self.family or self.name)
        object.__setattr__(self, "numeral_group", "word" if self.numeral == "sequence" else "num")
        object.__setattr__(self, "guarded", bool(self.refuse_after or self.refuse_ranges))

    def ordinal(self, match: re.Match[str]) -> int:
        """1-based ordinal of a match; 0 for 最后 (its place is known only in its sequence)."""
        return self.value(match.group(self.numeral_group))

    def value(self, numeral: str) -> int:
        """The ordinal a marker's numeral (its `numeral_group`) says."""
        if self.numeral == "sequence":
            return SEQUENCE_WORDS[numeral]
        if self.numeral == "decimal":
            return decimal_parts(numeral)[-1]
        if self.numeral == "latin":
            return ord(numeral.lower()) - ord("a") + 1
        value = to_int(numeral)
        return value if value is not None else 0


def _p(pattern: str) -> re.Pattern[str]:
    return lazyre.compile(pattern)


#: An annex letter as a clause number's first part: A.1 → (1001, 1), apart from clause 1.1.
_ANNEX_PART = 1000


def decimal_parts(number: str) -> tuple[int, ...]:
    """The parts of a clause number: 5.2.1 → (5, 2, 1), A.2.1 → (1001, 2, 1); full-width digits
    and dots read too."""
    return tuple(
        int(part) if part.isdigit() else _ANNEX_PART + ord(part.upper()) - ord("A") + 1
        for part in re.findall(r"\d+|[A-Za-z]", number)
    )


def _ordinal_word_style(
    name: str, noun: str, example: str, description: str,
    after: str = "(?:[，,、：:]|是(?=[^一二三四五六七八九十]))", segment_check: bool = True,
) -> NumberingStyle:
    """A speech's ordinal words 第一， / 第一点， / 第一条，: one list family, restarting under
    each parent, also inline (…：第一，…；第二，…)."""
    return NumberingStyle(
        name, _p(rf"第(?P<num>{CN_SMALL}){noun}{after}"), "cn", example,
        inline="clause", segment_check=segment_check, carries_on=False, family="ordinal_words",
        description=description,
    )


def _clause_style(depth: int, example: str, annex: bool = False) -> NumberingStyle:
    """GB/T 1.1 clause numbering at one depth (1 / 1.1 / 1.1.1 …): its level is its number of
    parts, and `levels` takes it only under the clause its leading parts name. In an annex the
    first part is the annex letter (A.1, A.2.1), in the same lists as the body's clauses."""
    if depth == 1:
        pattern = rf"(?P<num>{_CLAUSE_PART}){_CLAUSE_TITLE}"
    else:
        first = "[A-Z]" if annex else _CLAUSE_PART
        pattern = rf"(?P<num>{first}(?:[.．]{_CLAUSE_PART}){{{depth - 1}}})(?![\d.．])"
    return NumberingStyle(
        f"{'annex_' if annex else ''}clause_{depth}", _p(pattern), "decimal", example,
        refuse_after=(_UNIT_AFTER_NUMBER,), rank=70 + depth, spaced=True, family=f"clause_{depth}",
        description=f"{example.split()[0]} (GB/T 1.1 clause numbering{' in an annex' if annex else ''}, depth {depth})",
    )


#: 首先 … 其次 … 再次 … 最后: ordinals; 0 means "one after the previous".
SEQUENCE_WORDS = {"首先": 1, "其次": 2, "再次": 3, "然后": 0, "最后": 0}

_LAW_REFERENCE = _p(r"^(?:[的之中、，,第款项至所和及或与规]|以下|以上)")

STYLES: tuple[NumberingStyle, ...] = (
    NumberingStyle(
        "law_part", _p(rf"第(?P<num>{CN_NUM}|{ARABIC})编(?= |$|[^的之、，,第])"), "cn", "第一编",
        rank=10, spaced=True, description="第X编 (code books)",
    ),
    NumberingStyle(
        "part", _p(rf"第(?P<num>{CN_NUM}|{ARABIC})部分(?= |$|[^的之、，,第])(?!(?<=\d部分)[：:])"), "cn", "第一部分",
        rank=15, spaced=True, description="第X部分 (not a standard's part title 第1部分：通用要求)",
    ),
    NumberingStyle(
        "chapter", _p(rf"第(?P<num>{CN_NUM}|{ARABIC})章(?= |$|[^的之、，,第节])"), "cn", "第一章",
        rank=20, spaced=True, description="第X章",
    ),
    NumberingStyle(
        "section", _p(rf"第(?P<num>{CN_NUM}|{ARABIC})节(?= |$|[^的之、，,第课日])"), "cn", "第一节",
        rank=30, spaced=True, description="第X节",
    ),
    NumberingStyle(
        "inserted_article", _p(rf"第(?P<num>{CN_NUM}|\d{{1,4}})条之{CN_SMALL}(?= |$|[^的之、，,第款项])"), "cn",
        "第一条之一", refuse_after=(_LAW_REFERENCE,), rank=40, spaced=True, family="article", inserted=True,
        description="第X条之N (an article an amendment inserted after 第X条: same list, same number)",
    ),
    NumberingStyle(
        "article", _p(rf"第(?P<num>{CN_NUM}|\d{{1,4}})条(?= |$|[^的之、，,第款项])"), "cn", "第一条",
        refuse_after=(_LAW_REFERENCE,), rank=40, spaced=True, description="第X条 (articles of laws and rules)",
    ),
    _ordinal_word_style("cn_di_dian", "点", "第一点，", "第一点，第二点， (speeches)"),
    _ordinal_word_style(
        "cn_di_tiao", "条", "第一条，", "第一条，第二条， (speech openers; a statute's 第一条 has a space after it)",
        after="[，,]", segment_check=False,
    ),
    _ordinal_word_style("cn_di", "", "第一，", "第一，第二， (speeches)"),
    NumberingStyle(
        "formal_dun", _p(rf"(?P<num>[{FORMAL_NUMERAL_CHARS}]{{1,3}})[、．.]"), "formal", "壹、",
        rank=45, description="壹、 (formal numerals, above 一、 in Traditional texts)",
    ),
    NumberingStyle(
        "cn_paren", _p(rf"[（(] ?(?P<num>{CN_NUM}) ?[）)]"), "cn", "（一）",
        inline="clause", rank=60, description="（一） (second level of 公文)",
    ),
    NumberingStyle(
        "arabic_paren", _p(rf"(?:[（(] ?)?(?P<num>{ARABIC}) ?[）)]"), "arabic", "（1）",
        inline="clause", rank=90, description="（1） (fourth level of 公文)",
    ),
    NumberingStyle(
        "cn_paren_enclosed", _p(f"(?P<num>[{ENCLOSED_CN}])"), "enclosed", "㈠",
        inline="clause", rank=60, family="cn_paren", description="㈠ (one character for （一）)",
    ),
    NumberingStyle(
        "arabic_paren_enclosed", _p(f"(?P<num>[{ENCLOSED_PAREN}])"), "enclosed", "⑴",
        inline="clause", rank=90, family="arabic_paren", description="⑴ (one character for （1）)",
    ),
    NumberingStyle(
        "arabic_dot_enclosed", _p(f"(?P<num>[{ENCLOSED_DOT}])"), "enclosed", "⒈",
        inline="strong", rank=80, family="arabic_dot", description="⒈ (one character for 1.)",
    ),
    NumberingStyle(
        "circled", _p(f"(?P<num>[{CIRCLED}])"), "circled", "①",
        inline="clause", rank=100, description="① (fifth level)",
    ),
    NumberingStyle(
        "cn_shi", _p(rf"(?P<num>{CN_SMALL})是(?![，,。；;、])"), "cn", "一是",
        inline="clause", segment_check=True,
        refuse_after=(_p(rf"^[{_CN}](?:[，,、。；;是]|$)"),),
        carries_on=False, description="一是 二是 (speeches, reports)",
    ),
    NumberingStyle(
        "cn_yao", _p(rf"(?P<num>{CN_SMALL})要(?![，,。；;、求素件点务])"), "cn", "一要",
        inline="clause", segment_check=True,
        refuse_after=(_p(rf"^[{_CN}](?:[，,、。；;]|$)"),),
        carries_on=False, description="一要 二要 (speeches)",
    ),
    NumberingStyle(
        "cn_qi", _p(r"其(?P<num>[一二三四五六七八九十])(?:[，,、：:]|是)"), "cn", "其一，",
        inline="clause", carries_on=False, description="其一，其二，",
    ),
    NumberingStyle(
        "sequence", _p(rf"(?P<word>首先|其次|再次|然后|最后(?![，,：:]{_CLOSING_WISH}))[，,：:]"), "sequence", "首先，",
        inline="clause", carries_on=False, family="ordinal_words",
        description="首先，其次，再次，最后， (only as a sequence)",
    ),
    NumberingStyle(
        "cn_dun", _p(rf"(?P<num>{CN_NUM})(?: ?[、．]|\.(?!\d))"), "cn", "一、",
        refuse_ranges=True, rank=50, description="一、 (first level of 公文 and speeches)",
    ),
    # GB/T 1.1 clauses before 1. : 1.1 is a clause, not 1. with a title 1
    _clause_style(5, "1.1.1.1.1 细则"),
    _clause_style(4, "1.1.1.1 细则"),
    _clause_style(3, "1.1.1 细则"),
    _clause_style(2, "1.1 目的"),
    _clause_style(1, "1 范围"),
    _clause_style(4, "A.1.1.1 细则", annex=True),
    _clause_style(3, "A.1.1 细则", annex=True),
    _clause_style(2, "A.1 总则", annex=True),
    NumberingStyle(
        "arabic_dot", _p(rf"(?!0)(?P<num>{ARABIC})(?: ?[.．、](?![.．]))"), "arabic", "1.",
        inline="strong", refuse_after=(_p(r"^[%‰]"), _DECIMAL_WITH_UNIT), weak_after=(_p(r"^\d"),), rank=80, description="1. 1、 1． (third level of 公文)",
    ),
    NumberingStyle(
        "latin_paren", _p(r"(?P<num>[a-z])[)）]"), "latin", "a)",
        rank=85, carries_on=False, description="a) b) (GB/T 1.1 list items)",
    ),
    NumberingStyle(
        "latin_dot", _p(r"(?P<num>[A-Z])[.．、](?![A-Za-z.．])"), "latin", "A.",
        rank=85, carries_on=False, description="A. B. (lettered list items)",
    ),
    NumberingStyle(
        "bare", _p(rf"(?P<num>{CN_SMALL})$"), "cn", "一",
        rank=50, may_continue=("cn_dun", "bare_titled"), spaced=True,
        description="a numeral alone on its line (its title may stand on the next line)",
    ),
    NumberingStyle(
        "bare_titled", _p(rf"(?P<num>{CN_SMALL})(?= [^。，,；;]{{1,38}}$)"), "cn", "一 重工业和轻工业",
        rank=55, may_continue=("cn_dun", "bare"), spaced=True,
        description="a numeral, a space and a short title (一 重工业和轻工业); under bare numerals it nests",
    ),
)

STYLE_BY_NAME = {style.name: style for style in STYLES}
#: A style's place in the table (by name: comparing the frozen rows field by field is slow).
_STYLE_INDEX = {style.name: index for index, style in enumerate(STYLES)}


@dataclass(frozen=True)
class Boundary:
    """A line that changes what follows: an annex restarts the numbering; after a notes line
    come editorial notes (numbered, but not the document's outline) until the next annex; a
    host's agenda opening closes the lists before it (the paragraph itself is still read)."""

    kind: str  # "annex", "notes", "agenda" or "contents"
    pattern: re.Pattern[str]
    example: str


BOUNDARIES: tuple[Boundary, ...] = (
    Boundary("annex", _p(r"^附\s?件\s?[0-9一二三四五六七八九十]{0,3}\s?(?:[：:].*)?$"), "附件1"),
    Boundary("annex", _p(r"^附\s?录\s?[0-9一二三四五六七八九十A-Z]{0,3}\s?(?:[：:（(].*)?$"), "附录A（规范性）"),
    Boundary("annex", _p(r"^(?:有关)?名词(?:解释|注释)[：:]?$"), "名词解释"),
    Boundary("notes", _p(r"^(?:注\s?释|注\s?解|注)[：:]?$"), "注释"),
    # a table of contents: its entries repeat the body's headings and are not read as headings
    Boundary("contents", _p(r"^(?:目\s?录|目\s?次)[：:]?$"), "目录"),
    # a host opening an agenda item closes the lists before it (the agenda as declared)
    # (its 首先，/其次， is the host's, not a heading: see detect)
    Boundary("agenda", AGENDA_OPENING_LINE, "首先，进行会议第一项议程"),
)


_BOUNDARY_TABLE = Table([boundary.pattern for boundary in BOUNDARIES])


def boundary_kind(text: str) -> str | None:
    """The kind of the first boundary row matching the paragraph (one combined match)."""
    index = _BOUNDARY_TABLE.match(text)
    return BOUNDARIES[index].kind if index is not None else None


def alternation(styles: tuple[NumberingStyle, ...] | list[NumberingStyle]) -> str:
    """One pattern finding any of the styles' markers anywhere; the group named after the
    style says which matched (the styles' own `num`/`word` groups become plain groups).
    Not used by the parser (detect reads the table with scan.RowScan): benchmarks/speed.py
    times it as the marker scan of the style table as written."""
    body = "|".join(
        f"(?P<{style.name}>{style.pattern.pattern.replace('(?P<num>', '(?:').replace('(?P<word>', '(?:')})"
        for style in styles
    )
    first = first_char_set([style.pattern.pattern for style in styles], ascii_digits=True) or ()
    return f"(?=[{re.escape(''.join(sorted(first)))}])(?:{body})"


def boundary_paragraphs(text: str, starts: list[int]) -> dict[int, str]:
    """The kind of each boundary paragraph of the "\n"-joined `text` (paragraphs starting at
    `starts`), by index; only the paragraphs a boundary row could match, found in one scan
    (their first character, or the words the other rows need), are tried."""
    possible = _BOUNDARY_TABLE.possible_line_indices(text, starts)
    kinds = {}
    for index in possible if possible is not None else range(len(starts)):
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
        kind = boundary_kind(text[starts[index]:end])
        if kind is not None:
            kinds[index] = kind
    return kinds


#: Every style's marker at the start of each paragraph, in one scan of the text. A marker's
#: first digit is an ASCII one: the text is folded (full-width digits read as ASCII), and
#: other scripts' digits open no marker.
OPENING_SCAN = RowScan([style.pattern.pattern for style in STYLES], line_start=True, ascii_digits=True)


def refused(style: NumberingStyle, match: re.Match[str], text: str) -> bool:
    """Whether the text right after a marker makes it a false friend."""
    if not style.refuse_after and not style.refuse_ranges:
        return False  # most styles: asked for every marker found, so answered at once
    return refused_at(style, match.end(), style.ordinal(match), text)


#: A style's guard gates: (characters, whether any decimal digit) that one of its refusals
#: (or weakness patterns) can start with, or None when that is unknown.
Gate = tuple[frozenset[str], bool] | None
#: (refusals, weakness) gates, by style name: built when first asked.
_GUARD_GATES: dict[str, tuple[Gate, Gate]] = {}


def _guard_gates(style: NumberingStyle) -> tuple[Gate, Gate]:
    """`scan.start_gate` of a style's refusals and of its weakness patterns: most markers are
    followed by a character none of them can start with, and are answered without running them."""
    gates = _GUARD_GATES.get(style.name)
    if gates is None:
        refusals = style.refuse_after + ((_RANGE_AT_START,) if style.refuse_ranges else ())
        gates = tuple(start_gate([pattern.pattern for pattern in patterns]) for patterns in (refusals, style.weak_after))
        _GUARD_GATES[style.name] = gates  # type: ignore[assignment]
    return gates  # type: ignore[return-value]


def refused_at(style: NumberingStyle, end: int, ordinal: int, text: str) -> bool:
    """`refused` for a marker ending at `end` of `text` (a paragraph) with this ordinal."""
    if not style.guarded:
        return False
    gate = (_GUARD_GATES.get(style.name) or _guard_gates(style))[0]
    first = text[end:end + 1]  # (the gate, without a call: asked for most markers)
    if gate is not None and not (first and (first in gate[0] or gate[1] and first.isdecimal())):
        return False
    after = text[end:end + 12]
    for pattern in style.refuse_after:
        if pattern.search(after):
            return True
    if style.refuse_ranges:
        return _is_number_range(ordinal, after)
    return False


def weak_at(style: NumberingStyle, end: int, text: str) -> bool:
    """Whether the text after a marker ending at `end` of `text` (a paragraph) makes it look
    like a number (1.5亿元, 20.2026年)."""
    if not style.weak_after:
        return False
    gate = (_GUARD_GATES.get(style.name) or _guard_gates(style))[1]
    first = text[end:end + 1]
    if gate is not None and not (first and (first in gate[0] or gate[1] and first.isdecimal())):
        return False
    after = text[end:end + 4]
    for pattern in style.weak_after:
        if pattern.search(after):
            return True
    return False


#: The next number of a range starts with a digit word: 百年, 零星, 〇号 (a word, or a count that
#: starts with a place value) are no number in a list (一、百年征程… is heading one).
_RANGE_AFTER = lazyre.compile(rf"([一二三四五六七八九十][{_CN}]{{0,2}})(?:、|至|到|和|[{_RANGE_UNITS}]|{'|'.join(_NUMBERED_NOUNS)})")


#: `_RANGE_AFTER` as `refused` uses it (matched at the start), for `_guard_gates`.
_RANGE_AT_START = lazyre.compile(f"^{_RANGE_AFTER.pattern}")

#: The widest step between two numbers of a range (一、四车间 is still workshops one and four).
_RANGE_STEP = 3


def _is_number_range(ordinal: int, after: str) -> bool:
    """一、二季度 / 三、四月份 / 一、三车间 / 一、二、三级: the numeral is one of a list of numbers,
    which counts up by a step or two; 一、十八届… / 二、十年来… are headings."""
    match = _RANGE_AFTER.match(after)
    if not match:
        return False
    following = to_int(match.group(1))
    return following is not None and ordinal < following <= ordinal + _RANGE_STEP


def family_of(style_name: str) -> str:
    """The list family of a style, by name (a name the table does not hold is its own family)."""
    style = STYLE_BY_NAME.get(style_name)
    return style.list_family if style is not None else style_name


def match_at_start(text: str) -> tuple[NumberingStyle, re.Match[str]] | None:
    """The first style whose marker opens `text` and is not refused as a false friend.

    `text` is matched as given: pass Traditional text folded (traditional.fold)."""
    if not text or text[0] not in OPENING_SCAN.first:
        return None
    # the first style that matches, in one combined match (the opening scan's, for one line)
    first = OPENING_SCAN.first_row(text) if "\n" not in text else _STYLE_TABLE.match(text)
    if first is None:
        return None
    for style in STYLES[first:]:
        match = style.pattern.match(text)
        if match and not refused(style, match, text):
            return style, match
    return None


def opening_at(index: int, end: int, numeral: str, text: str) -> tuple[NumberingStyle, int, int] | None:
    """`match_at_start` for a paragraph whose start the opening scan found style `index` at
    (its marker ending at `end`, its numeral `numeral`): (style, end, ordinal) of the first
    style not refused there. A refused marker is read on by the later styles, each with its
    own pattern (seldom: the scan answers every other paragraph)."""
    style = STYLES[index]
    ordinal = ordinal_of(index, numeral)
    if not style.guarded or not refused_at(style, end, ordinal, text):
        return style, end, ordinal  # most styles have no refusals: answered without a call
    for style in STYLES[index + 1:]:
        match = style.pattern.match(text)
        if match and not refused(style, match, text):
            return style, match.end(), style.ordinal(match)
    return None


@lru_cache(maxsize=4096)
def ordinal_of(index: int, numeral: str) -> int:
    """`value` of style `index` (its place in STYLES): the same few numerals are read for most
    markers of a text (一 … 十, 1 … 20)."""
    return STYLES[index].value(numeral)


def second_reading(text: str, first: NumberingStyle) -> tuple[NumberingStyle, re.Match[str]] | None:
    """The marker read by the styles after `first` in table order: 21.5+2… is clause 21.5, or
    item 21. of an open 1. list whose title starts with a number."""
    for style in STYLES[_STYLE_INDEX[first.name] + 1:]:
        match = style.pattern.match(text)
        if match and not refused(style, match, text):
            return style, match
    return None


_STYLE_TABLE = Table([style.pattern for style in STYLES])


#: How far into a paragraph `match_at_start` reads: a marker (≤ 12 characters), the text after
#: it the guards read (≤ 12), a title's look-ahead (bare_titled: ≤ 40). A text longer than
#: this answers as its first MARKER_REACH characters do (tests/test_scan.py checks the table).
MARKER_REACH = 120


def opens_with_marker(text: str, *, folded: bool = False) -> bool:
    """Whether a line starts with a numbering marker (used by the normaliser's line joining).
    Reads the first MARKER_REACH characters only, so a long joined paragraph costs no more.
    `folded`: the text is known to have nothing `fold` changes (it is not scanned again)."""
    head = text[:MARKER_REACH]
    return match_at_start(head if folded else fold(head)) is not None


_NUMERAL_RUN = lazyre.compile(r"\d+|[一二三四五六七八九十百零〇壹贰貳叁參肆伍陆陸柒捌玖拾①-⑳\u3220-\u3229\u2474-\u249b]+")


def marker_form(style: NumberingStyle, marker: str) -> str:
    """The marker's shape with its numeral replaced, widths folded: 1． and 1. → N. ; 1、 → N、;
    every part of a clause number (5.2.1 → N.N.N, A.1 → N.N); the letter of a) → N); an
    inserted article has the form of the articles it stands among (第五条之一 → 第N条)."""
    if style.inserted:
        marker = marker[:marker.rindex("之")]
    if style.numeral == "latin" or marker[:1].isalpha() and style.numeral == "decimal":
        shape = re.sub(r"[A-Za-zＡ-Ｚａ-ｚ]", "N", marker, count=1)
        shape = _NUMERAL_RUN.sub("N", shape)
    else:
        shape = _NUMERAL_RUN.sub("N", marker, count=0 if style.numeral == "decimal" else 1)
    return shape.translate(_WIDTH_FOLD)



_WIDTH_FOLD = str.maketrans({"．": ".", "（": "(", "）": ")", "，": ",", "：": ":"})
_KEY_FOLD = str.maketrans({**{0xFF10 + i: ord("0") + i for i in range(10)}, ord("（"): "(", ord("）"): ")", ord("．"): ".", ord("，"): ","})


def marker_key(marker: str) -> str:
    """A marker as CONTRACT §4 compares it: widths folded, brackets as (), a trailing
    、 . ， , dropped (1． = 1. = 1、)."""
    marker = marker.strip().translate(_KEY_FOLD).replace(" ", "")
    while marker and marker[-1] in "、.,":
        marker = marker[:-1]
    return marker
