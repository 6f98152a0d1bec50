"""Running the work: in this process, or in worker processes fed from one queue.

A worker that dies, or a document that runs past the timeout, costs that one document an error
record: the worker is replaced and the rest of its chunk goes back on the queue. The parent
gets one outcome per document, in the order they finish.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from .files import file_sha256
from .records import Outcome, error_outcome

Sink = Callable[[Outcome], None]
Work = Callable[[str], Outcome]


class BatchError(Exception):
    """The run itself cannot go on (not one document's failure, which is a record)."""


class DocumentTimeout(BaseException):
    """Raised by the alarm; a BaseException so that no `except Exception` in the parser eats it."""


def run_in_process(paths: Iterable[str], work: Work, sink: Sink, timeout: float) -> None:
    """--jobs 1: one document after the other in this process; the timeout by SIGALRM where it
    exists (POSIX, main thread)."""
    for path in paths:
        with _Alarm(timeout):
            try:
                outcome = work(path)
            except DocumentTimeout:
                outcome = _timeout_outcome(path, timeout)
        sink(outcome)


class _Alarm:
    """SIGALRM after `seconds` raises DocumentTimeout in the block; nothing where it cannot."""

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
    return threading.current_thread() is threading.main_thread()


def _timeout_outcome(path: str, seconds: float) -> Outcome:
    return error_outcome(path, file_sha256(path), "Timeout", f"{path}: took longer than {seconds:g} s; skipped")


def run_pool(paths: list[str], work: Work, sink: Sink, jobs: int, timeout: float) -> None:
    """--jobs N: N worker processes fed chunks of paths from one queue. `work` turns one path
    into its outcome; it must pickle (a module-level function, or a partial of one)."""
    pool = _Pool(work, jobs, timeout)
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
    def __init__(self, work: Work, jobs: int, timeout: float):
        self.work = work
        self.timeout = timeout
        self.context = _start_method()
        self.workers: list[_Worker] = []
        for _ in range(jobs):
            self.workers.append(self._start())

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        # a forked worker holds copies of the parent's pipe ends: it closes them, or the pipe
        # would stay open after the parent dies and a worker could block on a full pipe forever
        inherited = [parent, *(w.conn for w in self.workers)] if self.context.get_start_method() == "fork" else []
        args = (child, self.work, inherited)
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
        if not busy or not self.timeout:
            return None
        now = time.monotonic()
        return max(0.0, min(w.since + self.timeout - now for w in busy)) + 0.01

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
            sink(error_outcome(path, file_sha256(path), "WorkerDied", message))
        self._replace(index, queue)

    def _expire(self, queue: deque, sink: Sink) -> None:
        if not self.timeout:
            return
        now = time.monotonic()
        for index, worker in enumerate(self.workers):
            if worker.chunk and now - worker.since > self.timeout:
                worker.process.kill()
                worker.process.join()
                sink(_timeout_outcome(worker.chunk.popleft(), self.timeout))
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


def _worker_main(conn: Connection, work: Work, inherited: list[Connection]) -> None:
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
                conn.send(work(path))
    except (EOFError, OSError):  # the parent is gone
        return
