"""How `batch` scales with worker processes, and how much memory a worker takes.

    python benchmarks/batch_speed.py [--corpus ../shared/corpus] [--mb 20] [--runs 2]

Copies the corpus's .txt files into a temporary folder until it holds at least --mb megabytes,
then times `outline-extractor batch FOLDER -o OUT --jobs N` for N = 1 and 2 as a user runs it
(the best of --runs, start-up included). While each run goes, it reads the peak resident set
(VmHWM, Linux /proc) of the main process and of every worker process, and reports the largest.
The machine's load average is printed too, and what two plain CPU-bound processes gain over one
before and after: on a shared machine batch's ratio is only as good as the cores that were free.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_folder(corpus: Path, megabytes: float, folder: Path) -> tuple[int, int]:
    """Copies of the corpus until the folder holds `megabytes`; (files, bytes)."""
    sources = sorted(corpus.glob("*.txt"))
    if not sources:
        sys.exit(f"no .txt files in {corpus}")
    files = total = 0
    round_ = 0
    while total < megabytes * 1e6:
        for source in sources:
            shutil.copyfile(source, folder / f"r{round_:03d}_{source.name}")
            files += 1
            total += source.stat().st_size
        round_ += 1
    return files, total


def peak_rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def children_of(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def timed_run(folder: Path, out: Path, jobs: int) -> tuple[float, int | None, dict[int, int], float]:
    """Seconds, the main process's peak RSS and each worker's peak RSS (KB), CPU seconds used."""
    cpu_before = _children_cpu()
    command = [sys.executable, "-m", "outline_extractor", "batch", str(folder), "-o", str(out),
               "--jobs", str(jobs), "--quiet"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    main_peak, workers = None, {}
    while process.poll() is None:
        main_peak = peak_rss_kb(process.pid) or main_peak
        for child in children_of(process.pid):
            peak = peak_rss_kb(child)
            if peak:
                workers[child] = max(workers.get(child, 0), peak)
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    cpu = _children_cpu() - cpu_before
    if process.returncode not in (0, 1):
        sys.exit(f"batch failed with exit code {process.returncode}")
    return seconds, main_peak, workers, cpu


def _children_cpu() -> float:
    """User + system seconds of the finished child processes (workers included: the main waits them)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _burn(n: int = 4_000_000) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def free_cores_ratio() -> float:
    """What this machine gives right now to two CPU-bound processes over one doing both jobs:
    2.0 on two idle cores; less when other work shares them. batch's ratio is read against it."""
    import multiprocessing

    started = time.perf_counter()
    _burn(), _burn()
    serial = time.perf_counter() - started
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_burn, [4_000_000, 4_000_000])
    return serial / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "archive"
        folder.mkdir()
        files, size = build_folder(args.corpus, args.mb, folder)
        print(f"input: {files} documents, {size / 1e6:.1f} MB (the corpus's .txt files repeated)")
        print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; "
              f"two CPU-bound processes ran {free_cores_ratio():.2f}x faster than one")
        best = {}
        for jobs in (1, 2):
            runs = [timed_run(folder, Path(temp) / f"out{jobs}.jsonl", jobs) for _ in range(args.runs)]
            seconds, main_peak, workers, cpu = min(runs, key=lambda r: r[0])
            best[jobs] = seconds
            worker_peak = max((max(r[2].values(), default=0) for r in runs), default=0)
            print(f"--jobs {jobs}: {seconds:6.2f} s  {size / 1e6 / seconds:5.1f} MB/s  CPU {cpu:6.2f} s  "
                  f"peak RSS: main {((main_peak or 0) / 1024):.0f} MB"
                  + (f", largest worker {worker_peak / 1024:.0f} MB" if workers else " (parses in-process)"))
        print(f"2 jobs / 1 job: {best[1] / best[2]:.2f}x faster")
        print(f"load average after: {os.getloadavg()[0]:.2f}; "
              f"two CPU-bound processes ran {free_cores_ratio():.2f}x faster than one")


if __name__ == "__main__":
    main()
