""".docx: paragraphs in body order, with Word's automatic numbering written into the text.

Word keeps an automatic number out of the paragraph's text: the paragraph (or its style) names
a list (`numId`) and a level (`ilvl`), and `numbering.xml` says how that level is counted and
printed. This reader counts the lists as Word does and puts the marker Word shows in front of
the paragraph, so the pipeline sees `一、总体要求` whether the 一、 was typed or automatic.

Body order includes tables (row by row, cell by cell) and text boxes (after the paragraph that
anchors them). Headers, footers, footnotes, endnotes and comments are left out and counted in a
diagnostic. python-docx is imported here only, when a .docx comes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field

from ..models import Diagnostic
from ..numerals import int_to_cn
from .base import InputError, RawText

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"


def _val(element, path: str) -> str | None:
    """The w:val of the first element at `path` (w: prefixed, / separated) under `element`."""
    if element is None:
        return None
    found = element.find(path.replace("w:", _W))
    return None if found is None else found.get(f"{_W}val")


# --- number formats: numFmt value → function of the counter -------------------------------

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_LEGAL = str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _chinese(n: int) -> str:
    return int_to_cn(n) if 1 <= n <= 999 else str(n)


def _letter(n: int) -> str:
    """Word's letters: a … z, then aa … zz, aaa …"""
    if n < 1:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out) or str(n)


NUMBER_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"}),
    "decimalFullWidth2": lambda n: str(n).translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"}),
    "decimalEnclosedCircle": lambda n: _CIRCLED[n - 1] if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: _CIRCLED[n - 1] if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: f"({n})",
    "chineseCounting": _chinese,
    "japaneseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,
    "ideographDigital": lambda n: str(n).translate(str.maketrans("0123456789", "〇一二三四五六七八九")),
    "chineseLegalSimplified": lambda n: _chinese(n).translate(_LEGAL),
    "ideographLegalTraditional": lambda n: _chinese(n).translate(_LEGAL),
    "ideographTraditional": lambda n: _TIANGAN[n - 1] if 1 <= n <= 10 else str(n),
    "lowerLetter": _letter,
    "upperLetter": lambda n: _letter(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
    "ordinal": str,
    "cardinalText": str,
    "none": lambda n: "",
}
#: Formats that print no marker at all.
NO_MARKER = frozenset(["bullet", "none"])


# --- numbering.xml ---------------------------------------------------------------------------

@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    #: 1-based level after whose use this one restarts; None = after any higher level, 0 = never
    restart: int | None = None
    legal: bool = False  # isLgl: every number in this level's text printed as decimal
    suffix: str = "tab"
    style: str | None = None  # w:pStyle back-link: the paragraph style this level belongs to


@dataclass
class ListDefinition:
    """One w:num: the levels of its abstractNum with this num's overrides applied."""

    levels: dict[int, Level]
    abstract: str | None = None  # the abstractNum whose counters this list shares
    start_overrides: dict[int, int] = field(default_factory=dict)


def _level(lvl) -> Level:
    start = _val(lvl, "w:start")
    restart = _val(lvl, "w:lvlRestart")
    return Level(
        fmt=_val(lvl, "w:numFmt") or "decimal",
        text=_val(lvl, "w:lvlText") if lvl.find(f"{_W}lvlText") is not None else "",
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        restart=int(restart) if restart and restart.isdigit() else None,
        legal=lvl.find(f"{_W}isLgl") is not None and _val(lvl, "w:isLgl") not in ("0", "false"),
        suffix=_val(lvl, "w:suff") or "tab",
        style=_val(lvl, "w:pStyle"),
    )


def read_numbering(numbering, style_numbering: dict[str, tuple[str | None, int | None]]) -> dict[str, ListDefinition]:
    """numId → its list definition. `style_numbering` resolves abstractNums that only link to a
    numbering style (w:numStyleLink)."""
    if numbering is None:
        return {}
    abstract = {}
    links = {}
    for node in numbering.iter(f"{_W}abstractNum"):
        key = node.get(f"{_W}abstractNumId")
        abstract[key] = {int(lvl.get(f"{_W}ilvl", "0")): _level(lvl) for lvl in node.iter(f"{_W}lvl")}
        link = _val(node, "w:numStyleLink")
        if link:
            links[key] = link
    nums = {}
    for node in numbering.iter(f"{_W}num"):
        nums[node.get(f"{_W}numId")] = node
    definitions: dict[str, ListDefinition] = {}
    for num_id, node in nums.items():
        key = _val(node, "w:abstractNumId")
        if key in links:  # a list style: take the levels of the list its style points to
            linked_num = style_numbering.get(links[key], (None, None))[0]
            if linked_num in nums:
                key = _val(nums[linked_num], "w:abstractNumId")
        levels = {ilvl: Level(**vars(level)) for ilvl, level in abstract.get(key, {}).items()}
        definition = ListDefinition(levels, abstract=key)
        for override in node.iter(f"{_W}lvlOverride"):
            ilvl = int(override.get(f"{_W}ilvl", "0"))
            lvl = override.find(f"{_W}lvl")
            if lvl is not None:
                definition.levels[ilvl] = _level(lvl)
            start = _val(override, "w:startOverride")
            if start and start.lstrip("-").isdigit():
                definition.start_overrides[ilvl] = int(start)
        definitions[num_id] = definition
    return definitions


# --- styles.xml ----------------------------------------------------------------------------

@dataclass
class StyleInfo:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None


def read_styles(styles) -> dict[str, StyleInfo]:
    table = {}
    if styles is None:
        return table
    for node in styles.iter(f"{_W}style"):
        ilvl = _val(node, "w:pPr/w:numPr/w:ilvl")
        table[node.get(f"{_W}styleId")] = StyleInfo(
            name=_val(node, "w:name") or "",
            based_on=_val(node, "w:basedOn"),
            num_id=_val(node, "w:pPr/w:numPr/w:numId"),
            ilvl=int(ilvl) if ilvl and ilvl.isdigit() else None,
        )
    return table


def style_numbering(styles: dict[str, StyleInfo], style_id: str | None) -> tuple[str | None, int | None]:
    """(numId, ilvl) a paragraph style gives, following basedOn."""
    seen = set()
    num_id = ilvl = None
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        info = styles[style_id]
        if num_id is None:
            num_id = info.num_id
        if ilvl is None:
            ilvl = info.ilvl
        if num_id is not None and ilvl is not None:
            break
        style_id = info.based_on
    return num_id, ilvl


# --- counting -------------------------------------------------------------------------------

class Counter:
    """Word's list counters. As in Word (ECMA-376 §17.9), the running count belongs to the
    abstract list: every numId over one abstractNum continues the same sequence, and a numId
    with a startOverride restarts it at that level the first time it is used there."""

    def __init__(self, definitions: dict[str, ListDefinition]) -> None:
        self.definitions = definitions
        self.counts: dict[str | None, dict[int, int]] = {}
        self.overridden: set[tuple[str, int]] = set()

    def next_marker(self, num_id: str, ilvl: int) -> str:
        """Count one paragraph of list `num_id` at level `ilvl`; the marker Word shows for it."""
        definition = self.definitions.get(num_id)
        if definition is None or ilvl not in definition.levels:
            return ""
        counts = self._count(definition, num_id, ilvl)
        level = definition.levels[ilvl]
        if level.fmt in NO_MARKER or not level.text:
            return ""
        marker = level.text
        for index in range(1, 10):  # %1 … %9 show the counts of levels 0 … 8
            placeholder = f"%{index}"
            if placeholder in marker:
                shown = definition.levels.get(index - 1, Level())
                value = counts.get(index - 1, self._start(definition, index - 1))
                fmt = "decimal" if level.legal else shown.fmt
                marker = marker.replace(placeholder, NUMBER_FORMATS.get(fmt, str)(value))
        return marker + _separator(marker, level.suffix)

    def _count(self, definition: ListDefinition, num_id: str, ilvl: int) -> dict[int, int]:
        counts = self.counts.setdefault(definition.abstract or num_id, {})
        if ilvl in definition.start_overrides and (num_id, ilvl) not in self.overridden:
            self.overridden.add((num_id, ilvl))
            counts[ilvl] = definition.start_overrides[ilvl] - 1
        counts[ilvl] = counts.get(ilvl, self._start(definition, ilvl) - 1) + 1
        for deeper, level in definition.levels.items():  # lvlRestart: None = after any higher level
            if deeper > ilvl and (level.restart is None or ilvl < level.restart):
                counts.pop(deeper, None)
        return counts

    @staticmethod
    def _start(definition: ListDefinition, ilvl: int) -> int:
        level = definition.levels.get(ilvl)
        return level.start if level else 1


def _separator(marker: str, suffix: str) -> str:
    """What stands between marker and text for Word's tab or space: a space after a marker that
    ends in a letter, digit or ideograph (`1.1`, `第一章`), nothing after 、）．① and the like."""
    last = marker[-1:]
    if suffix == "nothing" or not last or not ((last.isascii() and last.isalnum()) or "\u4e00" <= last <= "\u9fff"):
        return ""
    return " "


# --- body ------------------------------------------------------------------------------------

_SKIP = frozenset([f"{_W}txbxContent", f"{{{MC}}}Fallback", f"{_W}del", f"{_W}moveFrom", f"{_W}rPr", f"{_W}pPr"])
_TEXT_TAGS = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def paragraph_text(p) -> str:
    """The text of a paragraph's runs, leaving out text boxes anchored in it."""
    out: list[str] = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag in _TEXT_TAGS:
                out.append(child.text or "" if _TEXT_TAGS[tag] is None else _TEXT_TAGS[tag])
            else:
                walk(child)

    walk(p)
    return "".join(out)


def text_boxes(p) -> list:
    """Text-box contents anchored in a paragraph, once each (the VML fallback copy skipped)."""
    boxes = []

    def walk(element) -> None:
        for child in element:
            if child.tag == f"{{{MC}}}Fallback":
                continue
            if child.tag == f"{_W}txbxContent":
                boxes.append(child)
            else:
                walk(child)

    walk(p)
    return boxes


@dataclass
class _Reader:
    styles: dict[str, StyleInfo]
    counter: Counter
    lines: list[str] = field(default_factory=list)

    def block(self, container) -> None:
        """Paragraphs, tables and content controls of a body, cell or text box, in order."""
        for child in container:
            if child.tag == f"{_W}p":
                self.paragraph(child)
            elif child.tag == f"{_W}tbl":
                for cell in child.iter(f"{_W}tc"):
                    if _table_of(cell) is child:  # cells of nested tables come with their own table
                        self.block(cell)
            elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins"):
                self.block(child)

    def paragraph(self, p) -> None:
        text = paragraph_text(p)
        marker = self.marker(p)
        if text.strip() or marker:
            self.lines.append(marker + text)
        for box in text_boxes(p):
            self.block(box)

    def marker(self, p) -> str:
        style_id = _val(p, "w:pPr/w:pStyle")
        num_id = _val(p, "w:pPr/w:numPr/w:numId")
        ilvl_text = _val(p, "w:pPr/w:numPr/w:ilvl")
        ilvl = int(ilvl_text) if ilvl_text and ilvl_text.isdigit() else None
        style_num, style_ilvl = style_numbering(self.styles, style_id)
        if num_id is None:
            num_id = style_num
        if num_id is None or num_id == "0":
            return ""
        if ilvl is None:
            ilvl = style_ilvl if style_ilvl is not None else self.linked_level(num_id, style_id)
        return self.counter.next_marker(num_id, ilvl)

    def linked_level(self, num_id: str, style_id: str | None) -> int:
        """The level whose w:pStyle names the paragraph's style (style-linked multilevel lists)."""
        definition = self.counter.definitions.get(num_id)
        if definition and style_id:
            for ilvl, level in definition.levels.items():
                if level.style == style_id:
                    return ilvl
        return 0


def _table_of(cell):
    node = cell.getparent()
    while node is not None and node.tag != f"{_W}tbl":
        node = node.getparent()
    return node


_LEFT_OUT = (("header", "页眉"), ("footer", "页脚"), ("footnotes", "脚注"), ("endnotes", "尾注"), ("comments", "批注"))


def read_docx(data: bytes, *, path: str | None, label: str) -> RawText:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InputError(f"{label}: reading .docx needs python-docx (pip install python-docx)") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise InputError(f"{label}: not a readable .docx (broken ZIP or no word/document.xml: {_short(error)})") from None
    except Exception as error:  # python-docx raises many kinds on damaged XML
        raise InputError(f"{label}: not a readable .docx ({type(error).__name__}: {_short(error)})") from None
    try:
        lines = _body_lines(document)
    except (ValueError, TypeError, AttributeError) as error:  # malformed numbering or style XML
        raise InputError(f"{label}: damaged .docx ({type(error).__name__}: {_short(error)})") from None
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(f"{label}: the .docx has no text")
    raw = RawText(text=text + "\n", encoding="utf-8", sha256=hashlib.sha256(data).hexdigest(), path=path)
    left_out = _left_out(data)
    if left_out:
        raw.diagnostics.append(Diagnostic(code="cruft-removed", severity="info", message=f"left out of the .docx: {left_out}"))
    return raw


def _body_lines(document) -> list[str]:
    part = document.part
    styles = read_styles(_part_element(part, "styles"))
    style_links = {sid: (info.num_id, info.ilvl) for sid, info in styles.items()}
    reader = _Reader(styles, Counter(read_numbering(_part_element(part, "numbering"), style_links)))
    reader.block(document.element.body)
    return reader.lines


def _part_element(part, kind: str):
    try:
        return part.numbering_part.element if kind == "numbering" else part.styles.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


def _left_out(data: bytes) -> str:
    """Count the paragraphs with text in headers, footers, notes and comments."""
    from lxml import etree

    counts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for prefix, name in _LEFT_OUT:
            total = 0
            for member in archive.namelist():
                if member.startswith(f"word/{prefix}") and member.endswith(".xml"):
                    try:
                        root = etree.fromstring(archive.read(member))
                    except etree.XMLSyntaxError:
                        continue
                    total += sum(1 for p in root.iter(f"{_W}p") if paragraph_text(p).strip())
            if total:
                counts.append(f"{total} {name} paragraph(s)")
    return ", ".join(counts)


def _short(error: Exception) -> str:
    return str(error).splitlines()[0][:120] if str(error) else type(error).__name__
