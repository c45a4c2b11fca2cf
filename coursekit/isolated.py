"""One check in a sandbox: what the pytest plugin does for each check when an instructor
grades someone's work (``pytest --solution=PATH``).

The check's process forks; the child confines itself (:mod:`coursekit.sandbox`: the kit's
solutions, hidden graders and tests unreadable, the file system read-only, no network,
its own PID namespace, memory and CPU-time caps), imports the graded module there, runs
the check and sends its :class:`~coursekit.outcome.Outcome` back as JSON. The child's
death, whatever its cause, is a failed check with the reason in words; whatever it
started ends with it.
"""
from __future__ import annotations

import gc
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from coursekit import tamper
from coursekit.outcome import FAILED, Outcome, classify
from coursekit.sandbox import process as sandbox
from coursekit.sandbox.confine import read_all

MEMORY_LIMIT_GIB = 4.0  # beyond what the grading process maps already


@dataclass(frozen=True)
class Deferred:
    """A graded module to import only inside the sandbox."""
    folder: Path
    session_id: str
    exercise_id: str

    def load(self):
        from coursekit.solutions import load_submission

        return load_submission(self.folder, self.session_id, self.exercise_id)


class Judged(Exception):
    """A check's outcome, decided in the sandbox, carried to the grading process."""

    def __init__(self, outcome: Outcome):
        super().__init__(outcome.message)
        self.outcome = outcome


def run(check, arguments: dict, hide=(), timeout_s: float | None = None) -> Outcome:
    """Call ``check(**arguments)`` (a :class:`Deferred` among them is imported first) in a
    sandboxed child process and return what happened."""
    cpu_limit = int(timeout_s or 600) + 1
    visible = [str(v.folder) for v in arguments.values() if isinstance(v, Deferred)]
    workdir = tempfile.mkdtemp(prefix="coursekit-check-")
    read_fd, write_fd = os.pipe()
    gc.freeze()  # the child's collector then leaves the parent's objects (and their pages) alone
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 0
        try:
            os.close(read_fd)
            os.setsid()
            sandbox.die_with_parent()
            sandbox.enter(workdir, hide, keep_fds=(write_fd,), visible=visible)
            sandbox.limit_memory(MEMORY_LIMIT_GIB)
            sandbox.limit_cpu(cpu_limit)
            os.environ["COURSEKIT_MEMORY_LIMIT_GIB"] = f"{MEMORY_LIMIT_GIB:g}"
            loaded = {k: v.load() if isinstance(v, Deferred) else v for k, v in arguments.items()}
            raised = None
            try:
                check(**loaded)
            except BaseException as exc:  # noqa: BLE001 - every way a check ends is an outcome
                raised = exc
            tampered = tamper.verdict()  # first: the kit's own code below needs the real tools
            if tampered:
                outcome = Outcome(FAILED, "tampering detected", tampered)
            else:
                outcome = Outcome("passed") if raised is None else classify(raised)
            os.write(write_fd, json.dumps([outcome.status, outcome.reason, outcome.message]).encode())
        except BaseException:  # noqa: BLE001 - the parent reads the death from the wait status
            code = 70
        finally:
            os._exit(code)
    os.close(write_fd)
    status = None
    try:
        data = read_all(read_fd)  # a time limit (pytest-timeout's alarm) interrupts this
        status = os.waitpid(pid, 0)[1]
    finally:
        os.close(read_fd)
        sandbox.kill_group(pid)
        if status is None:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        shutil.rmtree(workdir, ignore_errors=True)
    if data:
        try:
            found, reason, message = json.loads(data)
            return Outcome(found, reason, message)
        except ValueError:
            pass
    return Outcome(FAILED, "crashed", sandbox.describe_end(status, MEMORY_LIMIT_GIB, cpu_limit))
