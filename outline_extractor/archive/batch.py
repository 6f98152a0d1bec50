"""Many documents → one JSON line each (CONTRACT §5), streamed as they finish.

    run_batch(["archive/"], "out.jsonl", jobs=2)

The shape, after ripgrep/fd: inputs are listed (paths only, never results), a work queue hands
chunks of paths to worker processes (pool.py), each worker sends back one finished line per
document and the parent appends it to OUT at once. Memory stays flat in the number of documents.

A document that cannot be read, fails, hangs or kills its worker is one error record. `resume` reads
the (path, sha256) keys already in OUT (repairing a half-written last line of a killed run) and
skips those documents. Ctrl-C stops the workers; OUT holds only complete lines.
"""

from __future__ import annotations

import glob
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..reader import InputError
from ..render.as_json import to_dict
from ..readers import read_file
from .files import file_sha256, replacing
from .header import HeaderError, write_header
from .pool import BatchError, run_in_process, run_pool
from .records import Outcome, error_outcome, parse_or_error, record_key, to_line

__all__ = ["BatchError", "Options", "Summary", "expand_inputs", "plan_resume", "process_path", "read_done", "run_batch"]


@dataclass(frozen=True)
class Options:
    timeout: float = 60.0  # seconds one document may take; 0: no limit
    header: bool = False  # also write each document's 【提纲】 line into it (batch --header)
    depth: int | None = None  # header depth


@dataclass
class Summary:
    documents: int = 0
    errors: int = 0
    skipped: int = 0  # already in OUT (resume)
    bytes: int = 0
    seconds: float = 0.0
    codes: Counter = field(default_factory=Counter)
    headers: Counter = field(default_factory=Counter)
    interrupted: bool = False

    def add(self, outcome: Outcome) -> None:
        self.documents += 1
        self.errors += outcome.error
        self.bytes += outcome.size
        self.codes.update(outcome.codes)
        if outcome.header:
            self.headers[outcome.header] += 1

    def text(self) -> str:
        rate = self.bytes / 1e6 / self.seconds if self.seconds else 0.0
        parts = [_count(self.documents, "document"), _count(self.errors, "error")]
        if self.skipped:
            parts.append(f"{self.skipped} skipped (already in OUT)")
        parts.append(f"{self.seconds:.1f} s, {rate:.1f} MB/s")
        lines = [", ".join(parts)]
        if self.codes:
            lines.append("diagnostics: " + ", ".join(f"{code} {n}" for code, n in self.codes.most_common()))
        if self.headers:
            lines.append("headers: " + ", ".join(f"{status} {n}" for status, n in sorted(self.headers.items())))
        if self.interrupted:
            lines.append("interrupted: OUT holds the documents finished so far; run again with --resume")
        return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# --- inputs ------------------------------------------------------------------------------------

def expand_inputs(items: Iterable[str], *, recursive: bool = False, exclude: Iterable[str] = ()) -> list[str]:
    """Files named by DIR, GLOB or FILE arguments, in a stable order, each once.

    A folder gives its files (all depths with `recursive`); hidden files and `exclude` (the OUT
    file) are left out. Every other file is an input, whatever its extension: one that cannot be
    read becomes an error record, so nothing in an archive is passed over silently."""
    skip = {os.path.abspath(path) for path in exclude}
    seen: set[str] = set()
    found: list[str] = []
    for item in items:
        if os.path.isdir(item):
            names = _folder_files(item, recursive)
        elif os.path.lexists(item):
            names = [item]
        else:
            names = sorted(p for p in glob.glob(item, recursive=True) if not os.path.isdir(p))
            if not names:  # a named file that is missing: its own error record
                names = [item]
        for name in names:
            if name not in seen and os.path.abspath(name) not in skip:
                seen.add(name)
                found.append(name)
    return found


def _folder_files(folder: str, recursive: bool) -> list[str]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
        files.extend(os.path.join(root, n) for n in sorted(names) if not n.startswith("."))
    return files


# --- one document ------------------------------------------------------------------------------

def process_path(path: str, options: Options) -> Outcome:
    """Read, parse and (with options.header) write back one document: its record as one line."""
    try:
        data = read_file(path, regular_only=True)
    except InputError as exc:
        return error_outcome(path, None, "InputError", str(exc))
    parsed = parse_or_error(data, path)
    if isinstance(parsed, dict):
        return Outcome(path, to_line(parsed), len(data), error=True)
    header = None
    if options.header:
        try:
            header = write_header(path, depth=options.depth, document=parsed, data=data).status
        except (HeaderError, InputError) as exc:
            return error_outcome(path, parsed.source.sha256, "HeaderError", str(exc), len(data))
        except OSError as exc:
            return error_outcome(path, parsed.source.sha256, "HeaderError", f"{path}: cannot write ({exc})", len(data))
    codes = tuple(d.code for d in parsed.diagnostics)
    return Outcome(path, to_line(to_dict(parsed)), len(data), codes=codes, header=header)


# --- resume ------------------------------------------------------------------------------------

def read_done(out: Path) -> dict[str, set[str | None]]:
    """The (path, sha256) keys of the records in OUT, after cutting off a half-written last line.

    A killed run can leave a last line without its newline (or cut inside): it is removed from
    the file, so its document is done again instead of being taken as a record."""
    done: dict[str, set[str | None]] = {}
    if not out.exists():
        return done
    _cut_partial_tail(out)
    with out.open("r", encoding="utf-8", errors="replace") as lines:
        for line in lines:
            key = record_key(line)
            if key is not None:
                done.setdefault(key[0], set()).add(key[1])
    return done


def _cut_partial_tail(out: Path) -> None:
    with out.open("r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size == 0:
            return
        handle.seek(max(0, size - 1))
        if handle.read(1) == b"\n":
            return
        # walk back to the last newline and cut after it
        position = size
        while position > 0:
            step = min(1 << 16, position)
            handle.seek(position - step)
            block = handle.read(step)
            newline = block.rfind(b"\n")
            if newline >= 0:
                handle.truncate(position - step + newline + 1)
                return
            position -= step
        handle.truncate(0)


def plan_resume(paths: list[str], out: Path) -> tuple[list[str], int]:
    """The paths still to do, and how many are skipped. A path whose file changed since its
    record was written is done again, and its old record is taken out of OUT."""
    done = read_done(out)
    todo, stale = [], set()
    for path in paths:
        shas = done.get(path)
        if shas is None:
            todo.append(path)
        elif file_sha256(path) not in shas:
            todo.append(path)
            stale.add(path)
    if stale:
        _drop_records(out, stale)
    return todo, len(paths) - len(todo)


def _drop_records(out: Path, paths: set[str]) -> None:
    """Rewrite OUT without the records of `paths`, line by line through a temporary file."""
    with out.open("rb") as lines, replacing(out) as kept:
        for line in lines:
            key = record_key(line.decode("utf-8", errors="replace"))
            if key is None or key[0] not in paths:
                kept.write(line)


# --- the whole run -----------------------------------------------------------------------------

def run_batch(
    inputs: list[str],
    out: str | Path,
    *,
    jobs: int | None = None,
    resume: bool = False,
    recursive: bool = False,
    options: Options = Options(),
    progress: bool = False,
) -> Summary:
    """Write one record per input document to OUT; the summary says what happened."""
    if "-" in inputs:
        raise BatchError("batch reads files, folders and globs, not stdin (-); for one document on stdin use `parse -`")
    out = Path(out)
    paths = expand_inputs(inputs, recursive=recursive, exclude=[str(out)])
    summary = Summary()
    if resume:
        paths, summary.skipped = plan_resume(paths, out)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths) or 1))
    started = time.monotonic()
    with out.open("a" if resume else "w", encoding="utf-8") as handle, _Progress(paths, progress) as bar:

        def sink(outcome: Outcome) -> None:
            handle.write(outcome.line + "\n")
            handle.flush()
            summary.add(outcome)
            bar.advance(outcome, summary)

        try:
            work = partial(process_path, options=options)
            if jobs == 1:
                run_in_process(paths, work, sink, options.timeout)
            else:
                run_pool(paths, work, sink, jobs, options.timeout)
        except KeyboardInterrupt:
            summary.interrupted = True
    summary.seconds = time.monotonic() - started
    return summary


class _Progress:
    """rich's bar on stderr (documents done / total, MB/s, errors, ETA), or nothing."""

    def __init__(self, paths: list[str], enabled: bool):
        self.enabled = enabled and bool(paths)
        self.total = len(paths)

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.progress = Progress(
                TextColumn("batch"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f} MB/s"),
                TextColumn("{task.fields[errors]} errors"),
                TimeRemainingColumn(),
                console=Console(file=sys.stderr),
                transient=True,
                auto_refresh=False,  # no refresh thread: workers can be forked safely
            )
            self.progress.__enter__()
            self.task = self.progress.add_task("batch", total=self.total, rate=0.0, errors=0)
            self.started = self.shown = time.monotonic()
        return self

    def advance(self, outcome: Outcome, summary: Summary) -> None:
        if self.enabled:
            seconds = time.monotonic() - self.started
            rate = summary.bytes / 1e6 / seconds if seconds else 0.0
            self.progress.update(self.task, advance=1, rate=rate, errors=summary.errors)
            if time.monotonic() - self.shown > 0.1:
                self.progress.refresh()
                self.shown = time.monotonic()

    def __exit__(self, *exc):
        if self.enabled:
            self.progress.__exit__(*exc)
        return False
