"""How fast the parser is: corpus throughput against a plain regex scan, where the time goes,
the cost curve over input shapes and sizes, peak memory, and CLI start-up.

    python benchmarks/speed.py [--corpus ../shared/corpus] [--sizes 10k,100k,1M,5M] [--deps]

Times are CPU time of the one Python process doing the work (`time.process_time`, best of
--runs): on a shared machine wall time measures the neighbours as much as the parser. The plain
scan is one `re.finditer` pass of a line-start marker regex (一、 （一） 1. 一是 第X章…) over the
same text in the same run; the ratio says what the whole pipeline costs over that scan.

Sections, in order: (1) corpus MB/s for `parse_text` and `parse_text` + JSON, ratio to the scan;
(2) where the time goes: seconds by stage over the corpus and the profile's top lines;
(3) the cost curve: seconds per MB of each input shape (benchmarks/shapes.py) at each size, and
the peak RSS of the process that parsed the largest (each size ≥ 1 MB runs in a fresh process,
the better of two parses there);
(4) start-up: `python -m outline_extractor parse` of a 10 KB speech against the stack's own
import (`python -c "from pydantic import BaseModel; import typer"`), median of 15 taking turns, both with their
bytecode cached as after an install, and the parse with its pattern cache warm (the warm-up run
fills it, as a user's first run does: outline_extractor/recache.py); the same parse with the
cache off (OUTLINE_EXTRACTOR_CACHE_DIR=off: what a first run costs, less the file's writing);
--deps: re vs regex, rjieba vs jieba.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shapes import all_shapes  # noqa: E402

from outline_extractor import parse_text, render  # noqa: E402
from outline_extractor.styles import STYLES, alternation  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PLAIN_SCAN = (
    r"^(?:[一二三四五六七八九十]+[、．.是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]"
    r"|第[一二三四五六七八九十百]+[章节条，、])"
)
#: every style's own pattern, unanchored (what detection scans paragraphs with)
MARKER_SCAN = alternation(STYLES)
#: The issue's targets (issue 8)
TARGET_MB_S, TARGET_RATIO, TARGET_S_PER_MB, TARGET_RSS_MB, TARGET_STARTUP = 30, 22, 1.0, 300, 1.5


def best_of(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times)


def read_texts(paths: list[Path]) -> list[str]:
    from outline_extractor.reader import read_path

    return [read_path(p).text for p in paths]


def size_of(texts: list[str]) -> int:
    return sum(len(text.encode("utf-8")) for text in texts)


# --- (1) corpus ---------------------------------------------------------------------------------


def corpus_groups(corpus: Path | None) -> list[tuple[str, list[str]]]:
    fixtures = [p for p in sorted((ROOT / "fixtures").glob("*.txt")) if not p.name.endswith((".outline.txt", ".tree.txt"))]
    rows = [(f"all {len(fixtures)} fixtures", read_texts(fixtures))]
    if corpus is not None and corpus.is_dir():
        files = sorted(corpus.glob("*.txt"))
        for prefix, label in (("wr_", "work reports"), ("gw_", "公文"), ("law_", "laws"), ("sp_", "speeches")):
            group = [f for f in files if f.name.startswith(prefix)]
            if group:
                rows.append((f"corpus {label} ({len(group)} files)", read_texts(group)))
        rows.append((f"**corpus, all {len(files)} files**", read_texts(files)))
    return rows


def corpus_table(groups: list[tuple[str, list[str]]], runs: int) -> tuple[list[str], dict]:
    scan = re.compile(PLAIN_SCAN, re.MULTILINE)
    lines = [
        "| input | size | parse_text | + JSON | plain scan | ratio | MB/s | MB/s with JSON |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    last: dict = {}
    for label, texts in groups:
        size = size_of(texts)
        for text in texts:  # warm up: first use compiles the tables
            parse_text(text)
        parse = best_of(lambda: [parse_text(t) for t in texts], runs)
        with_json = best_of(lambda: [render(parse_text(t), "json") for t in texts], runs)
        plain = best_of(lambda: [sum(1 for _ in scan.finditer(t)) for t in texts], max(runs, 5))
        last = {"mb_s": size / parse / 1e6, "ratio": parse / plain, "json_mb_s": size / with_json / 1e6}
        lines.append(
            f"| {label} | {size / 1000:,.0f} KB | {parse * 1000:,.1f} ms | {with_json * 1000:,.1f} ms "
            f"| {plain * 1000:,.2f} ms | {parse / plain:,.0f}× | {last['mb_s']:,.1f} | {last['json_mb_s']:,.1f} |"
        )
    return lines, last


# --- (2) where the time goes ------------------------------------------------------------------

_STAGES = (
    "normalize", "detect", "assign_levels", "build_tree", "TreeIndex", "read_head",
    "declared_counts", "find_agenda", "numbering_diagnostics",
)


def stage_table(texts: list[str], runs: int) -> list[str]:
    """Seconds by stage over the texts: each stage function of pipeline.py timed in place."""
    import outline_extractor.pipeline as pipeline

    spent = dict.fromkeys(_STAGES, 0.0)
    originals = {name: getattr(pipeline, name) for name in _STAGES}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - start

        return wrapper

    best_total, best_spent = float("inf"), dict(spent)
    try:
        for name, function in originals.items():
            setattr(pipeline, name, timed(name, function))
        for _ in range(runs):
            spent.update(dict.fromkeys(_STAGES, 0.0))
            start = time.process_time()
            for text in texts:
                parse_text(text)
            total = time.process_time() - start
            if total < best_total:
                best_total, best_spent = total, dict(spent)
    finally:
        for name, function in originals.items():
            setattr(pipeline, name, function)
    rest = best_total - sum(best_spent.values())
    lines = ["| stage | ms | share |", "|---|---:|---:|"]
    for name, seconds in sorted(best_spent.items(), key=lambda item: -item[1]):
        lines.append(f"| {name} | {seconds * 1000:,.1f} | {seconds / best_total:.0%} |")
    lines.append(f"| the rest (Pydantic validation, diagnostics, hashing) | {rest * 1000:,.1f} | {rest / best_total:.0%} |")
    lines.append(f"| **total** | {best_total * 1000:,.1f} | 100% |")
    return lines


def profile_lines(texts: list[str], count: int = 12) -> list[str]:
    """The profile's top lines by own time (cProfile slows Python code more than C: read the
    order, not the figures)."""
    profile = cProfile.Profile()
    profile.enable()
    for text in texts:
        parse_text(text)
    profile.disable()
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(count)
    rows = [line for line in out.getvalue().splitlines() if re.match(r"\s+[\d/]+\s+\d+\.\d+", line)]
    lines = ["```", "   ncalls  tottime  cumtime  function"]
    for row in rows[:count]:
        parts = row.split(None, 5)
        where = parts[5].replace(str(ROOT) + "/", "").replace(sys.prefix, "…")
        where = re.sub(r"^.*/lib/python3\.\d+/", "", where)
        lines.append(f"{parts[0]:>9}  {parts[1]:>7}  {parts[3]:>7}  {where}")
    lines.append("```")
    return lines


# --- (3) cost curve ----------------------------------------------------------------------------


def parse_size(text: str) -> int:
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1].lower(), 1)
    return int(float(text[:-1] if factor > 1 else text) * factor)


def label_size(size: int) -> str:
    return f"{size / 1e6:g} MB" if size >= 1_000_000 else f"{size / 1e3:g} KB"


def one_shape(corpus: Path, name: str, size: int, runs: int = 2) -> tuple[float, float]:
    """(seconds per MB, peak RSS in MB of this process) for one shape at one size: the best of
    `runs` parses, as for the smaller sizes (the first parse of a fresh process also pays for
    growing its memory, once, not per MB), after a warm-up on 20 KB (the first parse compiles
    the regexes). Each result is dropped before the next parse: the peak is one parse's."""
    text = all_shapes(corpus)[name](size)
    parse_text(text[:20_000])
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        parse_text(text)
        best = min(best, time.process_time() - start)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return best / (len(text.encode("utf-8")) / 1e6), rss


def curve_table(corpus: Path, sizes: list[int], runs: int) -> tuple[list[str], list[str]]:
    header = "| shape | " + " | ".join(f"s/MB at {label_size(s)}" for s in sizes)
    header += f" | {label_size(sizes[-1])} ÷ {label_size(sizes[1] if len(sizes) > 1 else sizes[0])} | peak RSS at {label_size(sizes[-1])} |"
    lines = [header, "|---|" + "---:|" * (len(sizes) + 2)]
    failures = []
    for name in all_shapes(corpus):
        per_mb, rss = [], 0.0
        for size in sizes:
            if size >= 1_000_000:  # a fresh process: its peak RSS is this input's
                code = (
                    "import sys; sys.path.insert(0, sys.argv[1]); import speed; "
                    "print(*speed.one_shape(speed.Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])))"
                )
                result = subprocess.run(  # the better of two parses in it (one can meet a busy neighbour)
                    [sys.executable, "-c", code, str(Path(__file__).parent), str(corpus), name, str(size)],
                    capture_output=True, text=True, check=True, env=_as_installed(),
                )
                seconds, rss = map(float, result.stdout.split())
            else:
                text = all_shapes(corpus)[name](size)
                megabytes = len(text.encode("utf-8")) / 1e6
                parse_text(text)  # warm up
                seconds = best_of(lambda: parse_text(text), runs) / megabytes
            per_mb.append(seconds)
        growth = per_mb[-1] / per_mb[1 if len(per_mb) > 1 else 0]
        cells = " | ".join(f"{seconds:.2f}" for seconds in per_mb)
        lines.append(f"| {name} | {cells} | {growth:.2f} | {f'{rss:,.0f} MB' if rss else '–'} |")
        if growth > 1.5:
            failures.append(f"{name}: the cost per MB grows {growth:.2f}× from {label_size(sizes[1])} to {label_size(sizes[-1])}")
        if sizes[-1] >= 1_000_000 and name != "real text" and per_mb[-1] > TARGET_S_PER_MB:
            failures.append(f"{name}: {per_mb[-1]:.2f} s/MB at {label_size(sizes[-1])} (target ≤ {TARGET_S_PER_MB})")
        if rss > TARGET_RSS_MB:
            failures.append(f"{name}: peak RSS {rss:,.0f} MB (target ≤ {TARGET_RSS_MB})")
    return lines, failures


# --- (4) start-up ------------------------------------------------------------------------------


def _as_installed() -> dict[str, str]:
    """The environment of an installed tool: bytecode cached (pip compiles it at install; an
    environment with PYTHONDONTWRITEBYTECODE recompiles every module of an editable checkout on
    every run, ~70 ms here), the cache kept out of the source tree."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "outline-extractor-pycache")
    # the parser's compiled-pattern cache (recache.py) of this benchmark, not the user's: its
    # warm-up run fills it, as a user's first run fills theirs
    env.setdefault("OUTLINE_EXTRACTOR_CACHE_DIR", str(Path(tempfile.gettempdir()) / "outline-extractor-speed-cache"))
    return env


def cpu_of(commands: list[tuple[list[str], dict[str, str]]], runs: int = 9) -> list[tuple[float, float]]:
    """(median CPU seconds, median wall seconds) of each command (argv, more environment
    variables), each run a fresh process, after one run each that fills the bytecode cache (and
    the parser's pattern cache, recache.py, when it is on). The commands take turns run by run:
    on a shared machine the neighbours' load moves between one block of runs and the next."""
    envs = [{**_as_installed(), **variables} for _, variables in commands]
    for (command, _), env in zip(commands, envs):
        subprocess.run(command, check=True, capture_output=True, env=env)
    cpu: list[list[float]] = [[] for _ in commands]
    wall: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, ((command, _), env) in enumerate(zip(commands, envs)):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)
            wall[index].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[index].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [(statistics.median(c), statistics.median(w)) for c, w in zip(cpu, wall)]


def startup_lines() -> tuple[list[str], float]:
    fixture = ROOT / "fixtures" / "county_speech.txt"
    stack = [sys.executable, "-c", "from pydantic import BaseModel; import typer"]
    parse = [sys.executable, "-m", "outline_extractor", "parse", str(fixture), "-f", "outline"]
    (stack_cpu, stack_wall), (parse_cpu, parse_wall), (cold_cpu, cold_wall) = cpu_of(
        [(stack, {}), (parse, {}), (parse, {"OUTLINE_EXTRACTOR_CACHE_DIR": "off"})], runs=15
    )
    probe = (
        "import sys; from outline_extractor import parse_file; parse_file(sys.argv[1]);"
        "print(any(m in sys.modules for m in ('rjieba', 'jieba')))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe, str(fixture)], capture_output=True, text=True).stdout.strip()
    ratio = parse_cpu / stack_cpu
    return [
        "| process | CPU | wall |",
        "|---|---:|---:|",
        f"| `python -c \"from pydantic import BaseModel; import typer\"` | {stack_cpu * 1000:.0f} ms | {stack_wall * 1000:.0f} ms |",
        f"| `python -m outline_extractor parse fixtures/county_speech.txt -f outline` | {parse_cpu * 1000:.0f} ms | {parse_wall * 1000:.0f} ms |",
        f"| the same, pattern cache off (`OUTLINE_EXTRACTOR_CACHE_DIR=off`) | {cold_cpu * 1000:.0f} ms | {cold_wall * 1000:.0f} ms |",
        "",
        f"Start-up ratio (CPU, pattern cache warm): {ratio:.2f}× the stack's own import (target ≤ {TARGET_STARTUP}×);"
        f" cache off: {cold_cpu / stack_cpu:.2f}×; segmenter loaded: {loaded}.",
    ], ratio


# --- --deps -------------------------------------------------------------------------------------


def dependency_rows(text: str) -> list[str]:
    lines = ["| alternative | figure |", "|---|---|"]
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
        lines.append(f"| {name} | {result.stdout.strip() or 'not installed'} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--sizes", default="10k,100k,1M,5M", help="cost-curve sizes (k, M suffixes)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--deps", action="store_true", help="measure re vs regex and rjieba vs jieba")
    args = parser.parse_args(argv)
    groups = corpus_groups(args.corpus)
    failures: list[str] = []

    print("### Throughput\n")
    lines, corpus = corpus_table(groups, args.runs)
    print("\n".join(lines), flush=True)
    print(
        f"\nCorpus: {corpus['mb_s']:.1f} MB/s parse_text, {corpus['json_mb_s']:.1f} MB/s with JSON; "
        f"{corpus['ratio']:.0f}× the plain scan (targets: ≥ {TARGET_MB_S} MB/s, ≤ {TARGET_RATIO}×).\n"
    )
    if corpus["mb_s"] < TARGET_MB_S:
        failures.append(f"corpus: {corpus['mb_s']:.1f} MB/s (target ≥ {TARGET_MB_S})")
    if corpus["ratio"] > TARGET_RATIO:
        failures.append(f"corpus: {corpus['ratio']:.0f}× the plain scan (target ≤ {TARGET_RATIO}×)")

    texts = groups[-1][1]
    print("### Where the time goes (corpus)\n")
    print("\n".join(stage_table(texts, args.runs)), flush=True)
    print("\nProfile, top lines by own time:\n")
    print("\n".join(profile_lines(texts)), flush=True)

    print("\n### Cost curve: seconds per MB\n")
    lines, curve_failures = curve_table(args.corpus, [parse_size(s) for s in args.sizes.split(",")], max(1, args.runs // 2))
    print("\n".join(lines), flush=True)
    failures += curve_failures

    print("\n### Start-up\n")
    lines, ratio = startup_lines()
    print("\n".join(lines), flush=True)
    if ratio > TARGET_STARTUP:
        failures.append(f"start-up: {ratio:.2f}× the stack's import (target ≤ {TARGET_STARTUP}×)")

    if args.deps:
        print("\n### Alternatives\n")
        print("\n".join(dependency_rows("\n".join(groups[0][1]))))

    print("\n### Targets of issue 8 not met\n")
    print("\n".join(f"- {failure}" for failure in failures) if failures else "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
