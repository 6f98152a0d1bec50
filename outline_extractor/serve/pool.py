"""Where the parsing runs: a pool of worker processes (default) or threads, off the event loop.

At most one job per worker is handed to the pool at a time; the others wait their turn here,
so the time limit counts a job's own run and not its wait in the queue. A job that outlives
the limit is answered 503 and, with processes, its pool is replaced: the stuck worker is killed
and the jobs that shared the old pool run again on the new one. A worker that dies is handled
the same way. (A thread cannot be killed: with threads a stuck job runs on in the background
and its result is dropped.)
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from . import jobs


class ParseTimeout(Exception):
    pass


class WorkerLost(Exception):
    pass


class Pool:
    def __init__(self, kind: str = "process", workers: int | None = None) -> None:
        self.kind = kind
        self.workers = workers or os.cpu_count() or 2
        self._executor: Executor | None = None
        self._slots = asyncio.Semaphore(self.workers)

    def start(self) -> None:
        self._executor = self._new_executor()

    def stop(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def worker_pids(self) -> list[int]:
        """The worker processes' ids (none for threads)."""
        processes = getattr(self._executor, "_processes", None) or {}
        return [process.pid for process in processes.values()]

    async def run(self, job: jobs.Job, timeout: float) -> jobs.Answer:
        async with self._slots:
            for _ in range(2):  # a job whose pool was replaced under it runs once more
                if self._executor is None:
                    self.start()
                executor = self._executor
                future = asyncio.get_running_loop().run_in_executor(executor, jobs.run, job)
                try:
                    return await asyncio.wait_for(future, timeout)
                except asyncio.TimeoutError:
                    self._replace(executor)
                    raise ParseTimeout from None
                except BrokenProcessPool:
                    self._replace(executor)
            raise WorkerLost

    def _replace(self, executor: Executor) -> None:
        """A new pool in place of `executor`, whose workers are killed (processes only)."""
        if not isinstance(executor, ProcessPoolExecutor):
            return
        if self._executor is executor:
            self._executor = self._new_executor()
        # the executor has no public way to stop a running task: kill its processes
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            process.kill()
        executor.shutdown(wait=False, cancel_futures=True)

    def _new_executor(self) -> Executor:
        if self.kind == "thread":
            return ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="outline-parse")
        # spawn: a fresh interpreter per worker, never a fork of the server's threads
        executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"))
        # import the library in each worker now, without making start-up or the caller wait
        for _ in range(self.workers):
            executor.submit(jobs.warm_up)
        return executor
