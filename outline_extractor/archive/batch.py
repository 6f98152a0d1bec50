"""Many documents → one JSON line each (CONTRACT §5), streamed as they finish.

    run_batch(["archive/"], "out.jsonl", jobs=2)

The shape, after ripgrep/fd: inputs are listed (paths only, never results), a work queue hands
chunks of paths to worker processes, each worker sends back one finished line per document and
the parent appends it to OUT at once. Memory stays flat in the number of documents.

A worker that dies, or a document that runs past `timeout`, costs that one document an error
record: the worker is replaced and the rest of its chunk goes back on the queue. `resume` reads
the (path, sha256) keys already in OUT (repairing a half-written last line of a killed run) and
skips those documents. Ctrl-C stops the workers; OUT holds only complete lines.
"""

from __future__ import annotations

import gc
import glob
import multiprocessing
import os
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from ..reader import InputError
from ..render.as_json import to_dict
from .files import file_sha256, read_bytes, replacing
from .header import HeaderError, write_header
from .records import Outcome, error_record, parse_or_error, record_key, to_line


class BatchError(Exception):
    """The run itself cannot go on (not one document's failure, which is a record)."""


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
        parts = [f"{self.documents} documents", f"{self.errors} errors"]
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
        data = read_bytes(path)
    except InputError as exc:
        return _error(path, None, "InputError", str(exc))
    parsed = parse_or_error(data, path)
    if isinstance(parsed, dict):
        return Outcome(path, to_line(parsed), len(data), error=True)
    header = None
    if options.header:
        try:
            header = write_header(path, depth=options.depth, document=parsed, data=data).status
        except (HeaderError, InputError) as exc:
            return _error(path, parsed.source.sha256, "HeaderError", str(exc), len(data))
        except OSError as exc:
            return _error(path, parsed.source.sha256, "HeaderError", f"{path}: cannot write ({exc})", len(data))
    codes = tuple(d.code for d in parsed.diagnostics)
    return Outcome(path, to_line(to_dict(parsed)), len(data), codes=codes, header=header)


def _error(path: str, sha256: str | None, kind: str, message: str, size: int = 0) -> Outcome:
    return Outcome(path, to_line(error_record(path, sha256, kind, message)), size, error=True)


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


# --- running -----------------------------------------------------------------------------------

Sink = Callable[[Outcome], None]


class DocumentTimeout(BaseException):
    """Raised by the alarm; a BaseException so that no `except Exception` in the parser eats it."""


def run_in_process(paths: Iterable[str], options: Options, sink: Sink) -> None:
    """--jobs 1: one document after the other in this process; the timeout by SIGALRM where it
    exists (POSIX, main thread)."""
    for path in paths:
        with _alarm(options.timeout):
            try:
                outcome = process_path(path, options)
            except DocumentTimeout:
                outcome = _timeout_outcome(path, options.timeout)
        sink(outcome)


class _alarm:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.armed = hasattr(signal, "setitimer") and _in_main_thread() and seconds > 0

    def __enter__(self):
        if self.armed:
            self.previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc):
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False

    @staticmethod
    def _expire(signum, frame):
        raise DocumentTimeout


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _timeout_outcome(path: str, seconds: float) -> Outcome:
    return _error(path, file_sha256(path), "Timeout", f"{path}: took longer than {seconds:g} s; skipped")


Work = Callable[[str, Options], Outcome]


def run_pool(paths: list[str], options: Options, sink: Sink, jobs: int, work: Work = process_path) -> None:
    """--jobs N: N worker processes fed chunks of paths from one queue. `work` (a module-level
    function, as the workers import it) turns one path into its outcome."""
    pool = _Pool(options, jobs, work)
    try:
        pool.run(deque(paths), sink)
    finally:
        pool.close()


def chunk_size(waiting: int, jobs: int) -> int:
    """Guided chunks: a quarter of each worker's share of what still waits, at most 32 documents.
    Early chunks are large (few round trips), the last ones single documents, so the workers
    finish together instead of one still working through a long last chunk."""
    return max(1, min(32, waiting // (jobs * 4)))


def _start_method():
    """fork where it exists and this process runs one thread: a worker starts at once with the
    parser already imported, and a caller's script needs no `if __name__ == "__main__"` guard.
    Otherwise spawn (a fresh interpreter per worker), the one that is safe beside threads."""
    import threading

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    chunk: deque = field(default_factory=deque)  # paths sent and not yet answered
    since: float = 0.0  # when the current document started (the last answer, or the send)
    ready: bool = False  # started up; the timeout does not count a worker's start-up


class _Pool:
    def __init__(self, options: Options, jobs: int, work: Work):
        self.options = options
        self.work = work
        self.context = _start_method()
        self.workers: list[_Worker] = []
        for _ in range(jobs):
            self.workers.append(self._start())

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        # a forked worker holds copies of the parent's pipe ends: it closes them, or the pipe
        # would stay open after the parent dies and a worker could block on a full pipe forever
        inherited = [parent, *(w.conn for w in self.workers)] if self.context.get_start_method() == "fork" else []
        args = (child, self.options, self.work, inherited)
        process = self.context.Process(target=_worker_main, args=args, daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def run(self, queue: deque, sink: Sink) -> None:
        while queue or any(w.chunk for w in self.workers):
            for worker in self.workers:
                if worker.ready and not worker.chunk and queue:
                    self._send(worker, queue)
            watched = [w for w in self.workers if w.chunk or not w.ready]
            ready = wait([w.conn for w in watched] + [w.process.sentinel for w in watched], timeout=self._wait_time())
            for index, worker in enumerate(self.workers):
                if worker.conn in ready or worker.process.sentinel in ready:
                    self._receive(index, queue, sink)
            self._expire(queue, sink)

    def _send(self, worker: _Worker, queue: deque) -> None:
        chunk = [queue.popleft() for _ in range(min(chunk_size(len(queue), len(self.workers)), len(queue)))]
        worker.chunk.extend(chunk)
        worker.since = time.monotonic()
        worker.conn.send(chunk)

    def _wait_time(self) -> float | None:
        """Until the first busy worker's document runs out of time (None: none is busy, or no limit)."""
        busy = [w for w in self.workers if w.chunk]
        if not busy or not self.options.timeout:
            return None
        now = time.monotonic()
        return max(0.0, min(w.since + self.options.timeout - now for w in busy)) + 0.01

    def _receive(self, index: int, queue: deque, sink: Sink) -> None:
        worker = self.workers[index]
        try:
            while worker.conn.poll():
                message = worker.conn.recv()
                if message == _READY:
                    worker.ready = True
                    continue
                worker.chunk.popleft()
                worker.since = time.monotonic()
                sink(message)
        except (EOFError, OSError):
            pass
        if worker.process.is_alive():
            return
        worker.process.join()
        if not worker.ready:
            raise BatchError(f"a worker process could not start (exit code {worker.process.exitcode})")
        if worker.chunk:
            path = worker.chunk.popleft()
            message = f"{path}: the worker process died (exit code {worker.process.exitcode}); skipped"
            sink(_error(path, file_sha256(path), "WorkerDied", message))
        self._replace(index, queue)

    def _expire(self, queue: deque, sink: Sink) -> None:
        if not self.options.timeout:
            return
        now = time.monotonic()
        for index, worker in enumerate(self.workers):
            if worker.chunk and now - worker.since > self.options.timeout:
                worker.process.kill()
                worker.process.join()
                sink(_timeout_outcome(worker.chunk.popleft(), self.options.timeout))
                self._replace(index, queue)

    def _replace(self, index: int, queue: deque) -> None:
        """A new worker for a dead one; the unanswered rest of its chunk goes back on the queue."""
        worker = self.workers[index]
        queue.extendleft(reversed(worker.chunk))
        worker.conn.close()
        self.workers[index] = self._start()

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        for worker in self.workers:
            worker.process.join(timeout=1 if not worker.chunk else 0)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()


_READY = "ready"


def _worker_main(conn: Connection, options: Options, work: Work, inherited: list[Connection]) -> None:
    """A worker: chunks of paths in, one Outcome per document out, until None or the parent goes
    (its end of the pipe closes; between chunks its sentinel is watched too)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    gc.freeze()  # a forked worker's collector leaves the inherited objects (and their shared pages) alone
    for other in inherited:
        other.close()
    parent = multiprocessing.parent_process()
    try:
        conn.send(_READY)
        while True:
            if parent is not None and parent.sentinel in wait([conn, parent.sentinel]):
                return
            chunk = conn.recv()
            if chunk is None:
                return
            for path in chunk:
                conn.send(work(path, options))
    except (EOFError, OSError):  # the parent is gone
        return


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
            if jobs == 1:
                run_in_process(paths, options, sink)
            else:
                run_pool(paths, options, sink, jobs)
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
