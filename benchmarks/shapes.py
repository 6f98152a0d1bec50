"""Input shapes for the cost curve: each a function from a size in bytes to a text of about
that size. Real text is the corpus with each copy made distinct (so duplicate removal does not
flatter it); the others are the shapes that once made the parser slower than linear.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

_CN_DIGITS = "零一二三四五六七八九"


def _cn(number: int) -> str:
    """A distinct Chinese-digit tag for copy `number` (三七, 一零二 …), no markers in it."""
    return "".join(_CN_DIGITS[int(d)] for d in str(number))


def _repeat(unit: Callable[[int], str], size: int) -> str:
    parts, total, number = [], 0, 0
    while total < size:
        piece = unit(number)
        parts.append(piece)
        total += len(piece.encode("utf-8"))
        number += 1
    return "".join(parts)


def real_text(corpus: Path) -> Callable[[int], str]:
    """The corpus texts one after another, each copy tagged on every line so none repeats."""
    from outline_extractor.reader import read_path

    texts = [read_path(p).text for p in sorted(corpus.glob("*.txt"))]

    def make(size: int) -> str:
        def unit(number: int) -> str:
            text = texts[number % len(texts)]
            tag = f"（第{_cn(number)}份）"
            return "\n".join(line + tag if len(line) > 12 else line for line in text.split("\n")) + "\n"

        return _repeat(unit, size)

    return make


def one_paragraph(size: int) -> str:
    return _repeat(lambda n: f"我们要坚持稳中求进工作总基调，一是扩大内需，二是优化结构，统筹发展和安全{_cn(n)}。", size)


#: One-line shapes: a line template, filled with {cn} (a numeral 一…九 counting round), {n} (the
#: same in Arabic digits) and {tag} (a distinct Chinese-digit tag per line).
_LINE_SHAPES = {
    "dense 一、 lines": "{cn}、加强领导{tag}\n",
    "dense （一） lines": "（{cn}）压实责任{tag}。\n",
    "dense 1. lines": "{n}.明确分工{tag}。\n",
    "dense 一是 lines": "{cn}是抓好落实{tag}。\n",
    "dense 第X条 lines": "第{cn}条 本办法适用于{tag}。\n",
}


def _lines_of(template: str) -> Callable[[int], str]:
    def make(size: int) -> str:
        return _repeat(lambda n: template.format(cn=_CN_DIGITS[n % 9 + 1], n=n % 9 + 1, tag=_cn(n)), size)

    return make


def deep_nesting(size: int) -> str:
    unit = lambda n: (
        f"第{_CN_DIGITS[n % 9 + 1]}章 总则{_cn(n)}\n一、总体要求\n（一）指导思想。\n1.加强领导。\n（1）压实责任。\n"
        "①明确分工。\n⑴强化督查。\n一是抓落实；二是抓整改。\n"
    )
    return _repeat(unit, size)


def mixed_markers(size: int) -> str:
    unit = lambda n: f"一、总体要求{_cn(n)}\n（一）指导思想。坚持稳中求进。\n1.加强领导。一是压实责任；二是强化督查。\n"
    return _repeat(unit, size)


def diyi_lines(size: int) -> str:
    return _repeat(lambda n: "第一，\n", size)


def name_list(size: int) -> str:
    names = "张三李四王五赵六钱七孙八周九吴十"
    return _repeat(lambda n: f"{names[2 * (n % 8):2 * (n % 8) + 2]}{_cn(n)}、\n", size)


def table_rows(size: int) -> str:
    return _repeat(lambda n: f"项目{_cn(n)} 金额 单位 备注\n", size)


def comma_prose(size: int) -> str:
    return _repeat(lambda n: f"我们要坚持稳中求进工作总基调统筹发展和安全{_cn(n)}，\n", size)


def hard_wrapped(size: int) -> str:
    sentence = "各级各部门要坚持以人民为中心的发展思想，扎实推进各项工作落地见效，切实增强人民群众的获得感幸福感安全感。"

    def unit(n: int) -> str:
        text = sentence + _cn(n) + sentence
        return "\n".join(text[i:i + 30] for i in range(0, len(text), 30)) + "\n"

    return _repeat(unit, size)


#: name → shape; `real text` needs the corpus and is added by `all_shapes`.
SYNTHETIC: dict[str, Callable[[int], str]] = {
    "one huge paragraph": one_paragraph,
    **{name: _lines_of(template) for name, template in _LINE_SHAPES.items()},
    "deep nesting": deep_nesting,
    "mixed markers": mixed_markers,
    "第一， lines": diyi_lines,
    "name list (张三、)": name_list,
    "table rows": table_rows,
    "prose lines ending in ，": comma_prose,
    "hard-wrapped prose": hard_wrapped,
}


def all_shapes(corpus: Path | None) -> dict[str, Callable[[int], str]]:
    shapes: dict[str, Callable[[int], str]] = {}
    if corpus is not None and corpus.is_dir() and any(corpus.glob("*.txt")):
        shapes["real text"] = real_text(corpus)
    shapes.update(SYNTHETIC)
    return shapes
