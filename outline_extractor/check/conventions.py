"""How markers are written in each kind of document, as data.

A marker's *form* is the marker with its numeral replaced by `N` (or `Ｎ` for full-width
digits) and spaces taken out: `（一）、` → `（N）、`, `１．` → `Ｎ．`. Each style has the forms
a kind of document accepts and the form `--fix` writes. Sources: GB/T 9704-2012 §7.3.3 (公文
levels 一、 （一） 1. （1）) and GB/T 15834-2011 (一 takes 、, Arabic numbers a 下脚点, 第一 and
首先 a comma, no punctuation after a bracketed or circled number). Speeches keep the forms
writers commonly use and that read unambiguously (1、, (一)).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..models import Document
from ..numerals import CIRCLED, ENCLOSED_CN, ENCLOSED_DOT, ENCLOSED_PAREN, FORMAL_NUMERAL_CHARS, int_to_cn
from ..styles import SEQUENCE_WORDS

Kind = Literal["speech", "gongwen"]

_FULLWIDTH_DIGITS = "０１２３４５６７８９"
_SERIES = (CIRCLED, ENCLOSED_CN, ENCLOSED_PAREN, ENCLOSED_DOT)
_NUMERAL = re.compile(
    "|".join(sorted(SEQUENCE_WORDS, key=len, reverse=True))
    + rf"|[0-9]+|[{_FULLWIDTH_DIGITS}]+|[一二三四五六七八九十百零〇两兩]+|[{FORMAL_NUMERAL_CHARS}]+"
    + f"|[{''.join(_SERIES)}]"
)


@dataclass(frozen=True)
class Convention:
    canonical: str
    speech: frozenset[str]
    gongwen: frozenset[str]

    def accepts(self, form: str, kind: Kind) -> bool:
        return form in (self.gongwen if kind == "gongwen" else self.speech)


def _c(canonical: str, speech: str, gongwen: str | None = None) -> Convention:
    both = frozenset(speech.split())
    return Convention(canonical, both, frozenset(gongwen.split()) if gongwen else both)


#: style → convention; styles not listed (第一章, 一是, bare numerals) have no punctuation to check.
CONVENTIONS: dict[str, Convention] = {
    "cn_dun": _c("N、", "N、"),
    "formal_dun": _c("N、", "N、"),
    "cn_paren": _c("（N）", "（N） (N)", "（N）"),
    "arabic_paren": _c("（N）", "（N） (N) N） N)", "（N）"),
    "arabic_dot": _c("N.", "N. N． N、", "N. N．"),
    "circled": _c("N", "N"),
    "cn_paren_enclosed": _c("N", "N"),
    "arabic_paren_enclosed": _c("N", "N"),
    "arabic_dot_enclosed": _c("N", "N"),
    "cn_di": _c("第N，", "第N， 第N： 第N是"),
    "cn_qi": _c("其N，", "其N， 其N： 其N是"),
    "sequence": _c("N，", "N， N："),
}

def reason(style: str, form: str, kind: Kind) -> str:
    """One line saying which usage a form breaks."""
    if "Ｎ" in form:
        return "full-width digits in a marker (write 1, not １)"
    if style in ("cn_paren", "arabic_paren") and form[-1:] in "、.．，,":
        return "no punctuation after a bracketed number (GB/T 15834)"
    if style in ("circled", "cn_paren_enclosed", "arabic_paren_enclosed", "arabic_dot_enclosed") and form != "N":
        return "no punctuation after a circled number (GB/T 15834)"
    if style in ("cn_dun", "formal_dun"):
        return "a Chinese numeral takes 、 (GB/T 15834)"
    if style in ("cn_paren", "arabic_paren") and kind == "gongwen":
        return "a 公文 writes full-width brackets on both sides, （一） （1） (GB/T 9704)"
    if style in ("cn_paren", "arabic_paren"):
        return "brackets of one width on both sides, （一） or (一)"
    if style == "arabic_dot":
        return "an Arabic number takes a 下脚点 1. in a 公文, not 、 (GB/T 9704, GB/T 15834)"
    if style in ("cn_di", "cn_qi", "sequence"):
        return "第一, 其一, 首先 take a full-width comma ， (GB/T 15834)"
    return "not the usual form"


def split_marker(text: str) -> tuple[str, str, str] | None:
    """A marker as (before the numeral, numeral, after it); None when it has no numeral."""
    match = _NUMERAL.search(text)
    if match is None:
        return None
    return text[:match.start()], match.group(), text[match.end():]


def form_of(text: str) -> str | None:
    parts = split_marker(text)
    if parts is None:
        return None
    before, numeral, after = parts
    placeholder = "Ｎ" if numeral[0] in _FULLWIDTH_DIGITS else "N"
    return (before + placeholder + after).replace(" ", "").replace("\u3000", "")


def numeral_for(old: str, value: int, keep_width: bool) -> str | None:
    """`value` written in the numerals `old` uses (三 → 十一, 3 → 11, ③ → ⑪); None when that
    series has no such number or no number at all (首先)."""
    if old in SEQUENCE_WORDS:
        return None
    if old.isascii() and old.isdigit():
        return str(value)
    if old[0] in _FULLWIDTH_DIGITS:
        digits = str(value)
        return digits.translate(str.maketrans("0123456789", _FULLWIDTH_DIGITS)) if keep_width else digits
    for series in _SERIES:
        if old in series:
            return series[value - 1] if 1 <= value <= len(series) else None
    if old[0] in "一二三四五六七八九十百零〇两兩":
        return int_to_cn(value) if 1 <= value <= 999 else None
    return None  # formal numerals (壹) are left as they are


def render(form: str, numeral: str) -> str:
    return form.replace("Ｎ", "N").replace("N", numeral, 1)


#: Document types (metadata.doc_type) read aloud vs. issued as 公文.
_SPEECH_TYPES = {"讲话", "致辞", "发言", "主持词", "报告", "总结", "倡议", "解读", "问答", "解答"}
_GONGWEN_TYPES = {
    "通知", "通报", "通告", "公告", "意见", "方案", "规划", "决定", "决议", "批复", "函", "答复",
    "请示", "纪要", "要点", "计划", "细则", "办法", "规定", "规则", "条例", "公报",
}


def document_kind(document: Document, wanted: str = "auto") -> Kind:
    """speech or gongwen: as asked, else from the document type, a 文号 or addressees, a salutation."""
    if wanted in ("speech", "gongwen"):
        return wanted  # type: ignore[return-value]
    if document.doc_type in _GONGWEN_TYPES:
        return "gongwen"
    if document.doc_type in _SPEECH_TYPES:
        return "speech"
    if document.meta.doc_number or document.meta.addressee:
        return "gongwen"
    return "speech"
