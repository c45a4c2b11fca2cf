"""Warm workers seen from the process that hands out the work.

:class:`WarmWorker` is one ``python -m coursekit.batch.worker`` process; :class:`LocalPool`
runs jobs on several of them at once on this machine; :func:`run_on_this_machine` is the
task a Dask worker runs (one warm worker per Dask worker thread, started on first use).
"""
from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from coursekit.batch import frames


class WorkerLost(RuntimeError):
    """The warm worker process itself ended (not a notebook: those run in its children)."""


class WarmWorker:
    """One warm worker process; :meth:`run` sends it a job and waits for the result."""

    def __init__(self, imports=()):
        environment = {**os.environ, "MPLBACKEND": "Agg", "OMP_NUM_THREADS": "1",
                       "PYTHONDONTWRITEBYTECODE": "1"}
        self.imports = list(imports)
        self.process = subprocess.Popen([sys.executable, "-m", "coursekit.batch.worker"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        env=environment)
        frames.send(self.process.stdin.fileno(), {"imports": self.imports})
        self.ready = False

    def wait_ready(self) -> None:
        if not self.ready:
            if frames.receive(self.process.stdout.fileno()) is None:
                raise WorkerLost(f"the warm worker did not start (exit code {self.process.wait()})")
            self.ready = True

    def run(self, job: dict) -> dict:
        self.wait_ready()
        try:
            frames.send(self.process.stdin.fileno(), job)
        except OSError as error:
            raise WorkerLost(f"the warm worker is gone ({error})") from None
        result = frames.receive(self.process.stdout.fileno())
        if result is None:
            raise WorkerLost(f"the warm worker ended (exit code {self.process.wait()})")
        return result

    def close(self) -> None:
        if self.process.stdin and not self.process.stdin.closed:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def run_with_retry(workers: "queue.Queue[WarmWorker]", job: dict, imports) -> dict:
    """Run ``job`` on a free worker; a worker that died is replaced and the job run once more."""
    for attempt in (1, 2):
        worker = workers.get()
        try:
            return worker.run(job)
        except WorkerLost as lost:
            worker.close()
            worker = WarmWorker(imports)
            if attempt == 2:
                return {"error": str(lost)}
        finally:
            workers.put(worker)
    raise AssertionError("unreachable")


class LocalPool:
    """``size`` warm workers on this machine, each grading one notebook at a time.

    The workers start warming up at once; a job waits for its worker to be ready."""

    def __init__(self, size: int, imports=()):
        self.size, self.imports = size, list(imports)
        self.workers: queue.Queue[WarmWorker] = queue.Queue()
        for _ in range(size):
            self.workers.put(WarmWorker(self.imports))
        self.executor = ThreadPoolExecutor(size, thread_name_prefix="grading")

    def submit(self, job: dict):
        """A ``concurrent.futures.Future`` of the job's result."""
        return self.executor.submit(run_with_retry, self.workers, job, self.imports)

    def close(self) -> None:
        self.executor.shutdown(wait=True)
        while not self.workers.empty():
            self.workers.get().close()


_HERE = threading.local()  # per Dask worker thread: a queue holding its one warm worker


def run_on_this_machine(job: dict, imports=()) -> dict:
    """A Dask task: run ``job`` on this Dask worker's warm worker (started on first use)."""
    if not hasattr(_HERE, "workers"):
        _HERE.workers = queue.Queue()
        _HERE.workers.put(WarmWorker(imports))
    return run_with_retry(_HERE.workers, job, imports)
