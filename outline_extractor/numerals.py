"""Chinese, formal (大写), circled and Arabic numerals to integers and back."""

from __future__ import annotations

from functools import lru_cache

DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0,
    "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    # formal numerals (大写), Simplified and Traditional
    "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "参": 3, "肆": 4, "伍": 5,
    "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9,
}
UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}

#: Every character a Chinese numeral may be written with.
CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)
#: The plain (not formal) numeral characters: 一 … 十, 百, 零.
PLAIN_NUMERAL_CHARS = "〇零一二两三四五六七八九十百千"
#: Formal numerals used as a top level in Traditional and financial texts.
FORMAL_NUMERAL_CHARS = "壹贰貳叁參参肆伍陆陸柒捌玖拾佰"

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: One-character forms of （一） （1） 1. that word processors insert: ㈠ ⑴ ⒈
ENCLOSED_CN = "".join(chr(c) for c in range(0x3220, 0x322A))  # ㈠ … ㈩
ENCLOSED_PAREN = "".join(chr(c) for c in range(0x2474, 0x2488))  # ⑴ … ⒇
ENCLOSED_DOT = "".join(chr(c) for c in range(0x2488, 0x249C))  # ⒈ … ⒛

_CN_ORDER = "一二三四五六七八九"


@lru_cache(maxsize=4096)
def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral such as 三, 十一, 二十三, 一百零五, 壹拾贰; None if it is not one.

    A run of bare digits (二〇二四) reads positionally.
    """
    if not text:
        return None
    if any(ch not in DIGITS and ch not in UNITS for ch in text):
        return None
    if not any(ch in UNITS for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + DIGITS[ch]
        return value
    total = 0
    pending: int | None = None
    last_unit = 10_000
    for ch in text:
        if ch in DIGITS:
            if pending is not None and DIGITS[ch] != 0:
                return None  # two digits in a row with units around: 三四十
            pending = DIGITS[ch] if DIGITS[ch] else None
        else:
            unit = UNITS[ch]
            if unit >= last_unit:
                return None  # 十百, 百百
            total += (pending if pending is not None else 1) * unit
            pending = None
            last_unit = unit
    if pending is not None:
        total += pending
    return total


def int_to_cn(value: int) -> str:
    """The plain Chinese numeral for 1 ≤ value ≤ 999 (十一, 二十, 一百零五)."""
    if not 1 <= value <= 999:
        raise ValueError(f"out of range: {value}")
    hundreds, rest = divmod(value, 100)
    tens, ones = divmod(rest, 10)
    parts = []
    if hundreds:
        parts.append(_CN_ORDER[hundreds - 1] + "百")
        if tens == 0 and ones:
            parts.append("零")
    if tens:
        if tens == 1 and not hundreds:
            parts.append("十")
        else:
            parts.append(_CN_ORDER[tens - 1] + "十")
    if ones:
        parts.append(_CN_ORDER[ones - 1])
    return "".join(parts)


def circled_to_int(ch: str) -> int | None:
    """①…⑳ to 1…20."""
    index = CIRCLED.find(ch)
    return index + 1 if index >= 0 else None


@lru_cache(maxsize=4096)
def to_int(text: str) -> int | None:
    """Value of any numeral the styles use: Arabic, Chinese, formal, circled or enclosed (㈠ ⑴ ⒈)."""
    if text.isascii() and text.isdigit():
        return int(text)
    if len(text) == 1:
        for series in (CIRCLED, ENCLOSED_CN, ENCLOSED_PAREN, ENCLOSED_DOT):
            if text in series:
                return series.index(text) + 1
    return cn_to_int(text)
