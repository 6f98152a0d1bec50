"""Long fuzzing run, by hand: the cases of tests/fuzzing.py by the hundred thousand.

    python benchmarks/fuzz.py --cases 100000 [--seed 1] [--jobs 2] [--save crashes/]

Case n is made from random.Random(seed * 10**9 + n) and the texts in fixtures/ and
tests/documents/, so it can be replayed alone (--replay N) while those folders are unchanged.
A crash is any exception other than the InputError that refuses bytes, a broken invariant
(tests/fuzzing.check) or a parse slower than --slow seconds; crashes are grouped into classes
by exception type and the innermost outline_extractor frame (or the invariant broken), and the
first case of each class is written to --save: its traceback (.txt) and its input (.bytes for
parse_bytes, .str for parse_text, that one as UTF-8 with surrogatepass). Progress goes to
stderr; the summary to stdout.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzing import check, corpus, make_case  # noqa: E402

_TEXTS: list[bytes] = []


def run_case(seed: int, number: int, slow: float) -> tuple[int, str, str, bytes] | None:
    """None when the case holds; else (number, crash class, traceback, input)."""
    if not _TEXTS:
        _TEXTS.extend(corpus())
    case = make_case(random.Random(seed * 10**9 + number), _TEXTS)
    started = time.perf_counter()
    try:
        document = case.parse()
        if document is not None:
            check(document)
    except Exception as error:  # noqa: BLE001 - every other exception is what we hunt
        return number, crash_class(error), f"steps {case.steps}\n{traceback.format_exc()}", _input(case.data)
    took = time.perf_counter() - started
    if took > slow:
        return number, f"slow parse (>{slow:g} s)", f"{took:.2f} s; steps {case.steps}", _input(case.data)
    return None


def _input(data: bytes | str) -> bytes:
    return data if isinstance(data, bytes) else b"str:" + data.encode("utf-8", "surrogatepass")


def crash_class(error: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "outline_extractor" in f.filename]
    if isinstance(error, AssertionError) and not frames:
        return f"invariant: {str(error).splitlines()[0][:60] if str(error) else 'assertion'}"
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "tests/fuzzing.py"
    return f"{type(error).__name__} at {where}"


def run_chunk(args: tuple[int, int, int, float]) -> list[tuple[int, str, str, bytes]]:
    seed, first, last, slow = args
    return [crash for number in range(first, last) if (crash := run_case(seed, number, slow)) is not None]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--slow", type=float, default=5.0, help="seconds after which a parse counts as a hang")
    parser.add_argument("--save", type=Path, help="folder for the first case of each crash class")
    parser.add_argument("--replay", type=int, help="run one case and print its steps and traceback")
    args = parser.parse_args()

    if args.replay is not None:
        _TEXTS.extend(corpus())
        case = make_case(random.Random(args.seed * 10**9 + args.replay), _TEXTS)
        print(f"steps: {case.steps}")
        print(run_case(args.seed, args.replay, args.slow) or "holds")
        return

    chunk = 500
    jobs = [(args.seed, first, min(first + chunk, args.cases), args.slow) for first in range(0, args.cases, chunk)]
    classes: Counter[str] = Counter()
    first_of: dict[str, tuple[int, str, bytes]] = {}
    started = time.perf_counter()
    done = 0
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for crashes in pool.map(run_chunk, jobs):
            done += chunk
            for number, name, trace, data in crashes:
                classes[name] += 1
                first_of.setdefault(name, (number, trace, data))
            rate = min(done, args.cases) / (time.perf_counter() - started)
            print(f"\r{min(done, args.cases)}/{args.cases} cases, {sum(classes.values())} crashes, {rate:.0f}/s",
                  end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    print(f"{args.cases} cases (seed {args.seed}) in {time.perf_counter() - started:.0f} s: "
          f"{sum(classes.values())} crashes in {len(classes)} classes")
    for name, count in classes.most_common():
        number, trace, data = first_of[name]
        print(f"- {name}: {count} (first: --seed {args.seed} --replay {number})")
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            stem = args.save / f"case_{args.seed}_{number}"
            stem.with_suffix(".txt").write_text(trace, encoding="utf-8")
            if data.startswith(b"str:"):
                stem.with_suffix(".str").write_bytes(data[4:])
            else:
                stem.with_suffix(".bytes").write_bytes(data)


if __name__ == "__main__":
    main()
