"""How fast the parser is, as a ratio against a plain regex scan of the same text.

    python benchmarks/speed.py [--corpus ../shared/corpus] [--big] [--deps]

For each input: the best of several runs of `parse_text` and of one `re.finditer` pass of a
plain marker regex (the line-start pattern a quick script would use: 一、 （一） 1. 一是 第X章…)
over the same text, in the same run. The ratio says what the whole pipeline (decoding aside:
normalising, false-friend guards, levels, inline items, validation) costs over that scan. --big adds
5 MB synthetic inputs (repeated markers; one huge paragraph) to show time grows linearly.
--deps measures the alternatives behind the dependency choices (re vs regex, rjieba vs
jieba). The start-up row times `python -m outline_extractor parse` on a fixture as a user
runs it, and says whether a segmenter was loaded.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from outline_extractor import parse_text
from outline_extractor.styles import STYLES, alternation

ROOT = Path(__file__).resolve().parent.parent
PLAIN_SCAN = (
    r"^(?:[一二三四五六七八九十]+[、．.是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]"
    r"|第[一二三四五六七八九十百]+[章节条，、])"
)
#: every style's own pattern, unanchored (what detection scans paragraphs with)
MARKER_SCAN = alternation(STYLES)


def best_of(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def read_texts(paths: list[Path]) -> str:
    from outline_extractor.reader import read_path

    return "\n".join(read_path(p).text for p in paths)


def inputs(corpus: Path | None, big: bool) -> list[tuple[str, str]]:
    fixtures = [p for p in sorted((ROOT / "fixtures").glob("*.txt")) if not p.name.endswith((".outline.txt", ".tree.txt"))]
    rows = [("county speech fixture", read_texts([ROOT / "fixtures" / "county_speech.txt"]))]
    rows.append((f"all {len(fixtures)} fixtures", read_texts(fixtures)))
    if corpus is not None and corpus.is_dir():
        files = sorted(corpus.glob("*.txt"))
        for prefix, label in (("wr_", "work reports"), ("gw_", "公文"), ("law_", "laws"), ("sp_", "speeches")):
            group = [f for f in files if f.name.startswith(prefix)]
            if group:
                rows.append((f"corpus {label} ({len(group)} files)", read_texts(group)))
    if big:
        unit = "一、总体要求\n（一）指导思想。坚持稳中求进。\n1.加强领导。一是压实责任；二是强化督查。\n"
        sentence = "我们要坚持稳中求进工作总基调，一是扩大内需，二是优化结构，统筹发展和安全。"
        for megabytes in (1, 5):
            size = megabytes * 1_000_000
            rows.append((f"{megabytes} MB of repeated markers", unit * (size // len(unit.encode()))))
            rows.append((f"{megabytes} MB in one paragraph", sentence * (size // len(sentence.encode()))))
    return rows


def speed_table(rows: list[tuple[str, str]], runs: int) -> list[str]:
    scan = re.compile(PLAIN_SCAN, re.MULTILINE)
    lines = [
        "| input | size | parse | regex scan | ratio | parse MB/s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, text in rows:
        size = len(text.encode("utf-8"))
        n = runs if size < 1_000_000 else 1
        parse_time = best_of(lambda: parse_text(text), n)
        scan_time = best_of(lambda: sum(1 for _ in scan.finditer(text)), max(n, 3))
        lines.append(
            f"| {label} | {size / 1000:,.0f} KB | {parse_time * 1000:,.1f} ms | {scan_time * 1000:,.2f} ms "
            f"| {parse_time / scan_time:,.0f}× | {size / parse_time / 1e6:,.2f} |"
        )
    return lines


def startup_row() -> list[str]:
    fixture = ROOT / "fixtures" / "county_speech.txt"
    command = [sys.executable, "-m", "outline_extractor", "parse", str(fixture), "-f", "outline"]
    times = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    probe = (
        "import sys; from outline_extractor import parse_file; parse_file(sys.argv[1]);"
        "print(any(m in sys.modules for m in ('rjieba', 'jieba')))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe, str(fixture)], capture_output=True, text=True).stdout.strip()
    return [
        "",
        f"Start-up: `python -m outline_extractor parse fixtures/county_speech.txt -f outline` takes "
        f"{statistics.median(times) * 1000:.0f} ms (median of 7, whole process); segmenter loaded: {loaded}.",
    ]


def dependency_rows(text: str) -> list[str]:
    lines = ["", "| alternative | figure |", "|---|---|"]
    size = len(text.encode("utf-8"))
    stdlib = best_of(lambda: sum(1 for _ in re.finditer(MARKER_SCAN, text)), 5)
    lines.append(f"| stdlib `re`, all styles' patterns | {size / stdlib / 1e6:,.0f} MB/s |")
    try:
        import regex

        compiled = regex.compile(MARKER_SCAN)
        third = best_of(lambda: sum(1 for _ in compiled.finditer(text)), 5)
        lines.append(f"| `regex` module, same patterns | {size / third / 1e6:,.0f} MB/s |")
    except ImportError:
        lines.append("| `regex` module | not installed |")
    for name, load, cut in (
        ("rjieba", "import rjieba; rjieba.cut('预热')", "import rjieba; f = rjieba.cut"),
        ("jieba", "import jieba, logging; jieba.setLogLevel(logging.WARNING); jieba.lcut('预热')",
         "import jieba; f = jieba.lcut"),
    ):
        code = (
            f"import time; t = time.perf_counter(); {load}; t1 = time.perf_counter() - t; {cut}; "
            f"s = open({str(ROOT / 'fixtures' / 'county_speech.txt')!r}, encoding='utf-8').read() * 20; "
            "t = time.perf_counter(); f(s); t2 = time.perf_counter() - t; "
            "print(f'{t1 * 1000:.0f} ms to load, {len(s.encode()) / t2 / 1e6:.1f} MB/s to cut')"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        figure = result.stdout.strip() or "not installed"
        lines.append(f"| {name} | {figure} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--big", action="store_true", help="add 5 MB synthetic inputs")
    parser.add_argument("--deps", action="store_true", help="measure re vs regex and rjieba vs jieba")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    rows = inputs(args.corpus, args.big)
    for line in speed_table(rows, args.runs):
        print(line, flush=True)
    for line in startup_row():
        print(line)
    if args.deps:
        for line in dependency_rows(rows[-1][1] if not args.big else rows[1][1]):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
