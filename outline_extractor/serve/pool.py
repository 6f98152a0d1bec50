"""Where the parsing runs: a pool of worker processes (default) or threads, off the event loop.

A job that outlives the time limit is answered 503; the server keeps serving. Its worker
finishes the job in the background and the result is dropped (a pool cannot stop one task; the
body size limit bounds how long that takes). A worker that dies takes the pool with it: the
pool is then made anew and the request that met it is answered 503.
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

    def start(self) -> None:
        self._executor = self._new_executor()
        if self.kind == "process":
            # import the library in each worker now, without making start-up wait for it
            for _ in range(self.workers):
                self._executor.submit(jobs.warm_up)

    def stop(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    async def run(self, job: jobs.Job, timeout: float) -> jobs.Answer:
        if self._executor is None:
            self.start()
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._executor, jobs.run, job)
        try:
            return await asyncio.wait_for(future, timeout)
        except asyncio.TimeoutError:
            raise ParseTimeout from None
        except BrokenProcessPool:
            self.stop()
            self.start()
            raise WorkerLost from None

    def _new_executor(self) -> Executor:
        if self.kind == "thread":
            return ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="outline-parse")
        # spawn: a fresh interpreter per worker, never a fork of the server's threads
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"))
