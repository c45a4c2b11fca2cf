"""One check in a sandbox: what the pytest plugin does for each check when an instructor
grades someone's work (``pytest --solution=PATH``).

The check's process forks; the child confines itself (:mod:`coursekit.sandbox`: the kit's
solutions, hidden graders and tests unreadable, the file system read-only, no network,
its own PID namespace, memory, CPU-time and output caps, no capabilities), installs the
sealing hook (:mod:`coursekit.sandbox.seal`), imports the graded module there, runs the
check and sends its outcome back *sealed*: the grading process believes nothing else the
child writes, so a submission cannot report a pass of its own, and one that replaced
what the check relies on is reported as "tampering detected". The child's death,
whatever its cause, is a failed check with the reason in words; whatever it started
ends with it.
"""
from __future__ import annotations

import gc
import os
import shutil
import signal
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from coursekit.batch import frames
from coursekit.outcome import FAILED, Outcome, classify
from coursekit.sandbox import process as sandbox
from coursekit.sandbox import seal
from coursekit.sandbox.confine import read_all

MEMORY_LIMIT_GIB = 4.0  # beyond what the grading process maps already
OUTPUT_LIMIT_MB = 8  # what a check's process may print (past it, it is ended)
OUTPUT_SHOWN = 64_000  # characters of that output passed on to pytest


@dataclass(frozen=True)
class Deferred:
    """A graded module to import only inside the sandbox."""
    folder: Path
    session_id: str
    exercise_id: str
    before: tuple[str, ...] = ()  # a pipeline's earlier stages, whose names it also resolves

    @property
    def path(self) -> Path:
        """The graded module's file (as the sandboxed import will name it)."""
        return Path(self.folder) / self.session_id / f"{self.exercise_id}.py"

    def load(self):
        from coursekit.solutions import load_submission

        return load_submission(self.folder, self.session_id, self.exercise_id, self.before)


class Judged(Exception):
    """A check's outcome, decided in the sandbox, carried to the grading process."""

    def __init__(self, outcome: Outcome):
        super().__init__(outcome.message)
        self.outcome = outcome


def run(check, arguments: dict, hide=(), timeout_s: float | None = None,
        memory_limit_gib: float = MEMORY_LIMIT_GIB, keep=None) -> Outcome:
    """Call ``check(**arguments)`` (a :class:`Deferred` among them is imported first) in a
    sandboxed child process and return what happened. ``keep(folder)``, if given, is called
    here on the child's working folder once the child has ended, before it is removed."""
    cpu_limit = int(timeout_s or 600) + 1
    limits = (cpu_limit, memory_limit_gib)
    visible = [str(v.folder) for v in arguments.values() if isinstance(v, Deferred)]
    workdir = tempfile.mkdtemp(prefix="coursekit-check-")
    name = getattr(check, "__qualname__", "check")
    recorded, keys = seal.current_snapshot(), [seal.new_key()]
    read_fd, write_fd = os.pipe()
    gc.freeze()  # the child's collector then leaves the parent's objects (and their pages) alone
    status = None
    # no time limit's alarm between the fork and the try below, which ends the child
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    try:
        pid = os.fork()
    except BaseException:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
        raise
    if pid == 0:  # the child: never returns
        _check_process(check, arguments, hide, visible, workdir, limits, name, recorded, keys,
                       read_fd, write_fd)
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
        os.close(write_fd)
        data = read_all(read_fd)  # a time limit (the timeout marker's alarm) interrupts this
        status = os.waitpid(pid, 0)[1]
    finally:
        os.close(read_fd)
        sandbox.kill_group(pid)
        if status is None:  # not reaped yet, so the pid is still the child's
            sandbox.send_signal(pid, signal.SIGKILL)  # stopped before it had a group of its own
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        _pass_on_output(workdir)
        try:
            if keep is not None and status is not None:
                keep(Path(workdir))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    return _outcome(name, data, keys[0], status, limits)


def _check_process(check, arguments, hide, visible, workdir, limits, name, recorded, keys,
                   read_fd, write_fd) -> None:
    """The child: confine, seal, load, check, report; never returns."""
    code = 0
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
        os.close(read_fd)
        os.setsid()
        sandbox.die_with_parent()
        sandbox.enter(workdir, hide, keep_fds=(write_fd,), visible=visible)
        cpu_limit, memory_limit_gib = limits
        sandbox.limit_memory(memory_limit_gib)
        sandbox.limit_cpu(cpu_limit)
        sandbox.limit_output(os.path.join(os.getcwd(), "output.txt"), OUTPUT_LIMIT_MB)
        os.environ["COURSEKIT_MEMORY_LIMIT_GIB"] = f"{memory_limit_gib:g}"
        audit, judge, text = sys.audit, classify, str  # bound before any graded code runs
        deferred = {k for k, v in arguments.items() if isinstance(v, Deferred)}
        seal.install(write_fd, keys.pop(), recorded)  # from here on, only this frame can report
        raised = None
        try:
            loaded = {k: arguments[k].load() if k in deferred else arguments[k] for k in arguments}
            check(**loaded)
        except BaseException as exc:  # noqa: BLE001 - every way a check ends is an outcome
            raised = exc
        found = ("passed", "", "")
        if raised is not None:
            try:  # the kit's own code, which the graded code may have broken: the seal says so
                outcome = judge(raised)
                found = (text(outcome.status), text(outcome.reason), text(outcome.message))
            except BaseException:  # noqa: BLE001
                found = ("failed", "error", "the check failed, and its message could not be written")
        audit("coursekit.seal", name, *found)
    except BaseException:  # noqa: BLE001 - the parent reads the death from the wait status
        code = 70
    finally:
        os._exit(code)


def _pass_on_output(workdir: str) -> None:
    """What the check's process printed, for pytest to show (the first part of it)."""
    try:
        with open(os.path.join(workdir, "output.txt"), errors="replace") as fh:
            text = fh.read(OUTPUT_SHOWN + 1)
    except OSError:
        return
    if text:
        sys.stdout.write(text[:OUTPUT_SHOWN] + ("\n[output cut]\n" if len(text) > OUTPUT_SHOWN else ""))


def _outcome(name: str, data: bytes, key: bytes, status: int | None, limits: tuple) -> Outcome:
    """The check's outcome from what its process wrote: its sealed report, and only that."""
    try:
        reports, alarm = seal.unseal(key, frames.split(data)[0])
    except ValueError as exc:
        return Outcome(FAILED, "tampering detected",
                       f"tampering detected: {exc}; a check cannot grade code that reports for it")
    ended = status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == seal.ALARM_EXIT
    if alarm is not None and ended:
        return Outcome(FAILED, "tampering detected", seal.alarm_message(alarm))
    if len(reports) > 1:
        return Outcome(FAILED, "tampering detected",
                       "tampering detected: more than one process reported this check's outcome")
    if reports:
        (reported, found, reason, message), tampered = reports[0]
        if tampered:
            return Outcome(FAILED, "tampering detected", seal.tampering_message(tampered))
        if reported == name:
            return Outcome(found, reason, message)
    if status is None:
        return Outcome(FAILED, "crashed", "the check was stopped")
    cpu_limit, memory_limit_gib = limits
    return Outcome(FAILED, "crashed", sandbox.describe_end(status, memory_limit_gib, cpu_limit,
                                                           OUTPUT_LIMIT_MB))
