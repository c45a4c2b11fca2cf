"""A warm grading worker: torch and the kit are imported once, then notebook after notebook
is executed, each in a fresh process forked from this warm one.

Per notebook (a *job*: its code cells, which of them are test cells, the time limits):

- a submission process, forked from the worker, runs the cells in order in one
  kernel-like namespace (:mod:`coursekit.batch.cells`), as a Jupyter kernel would; it has
  its own process group and a memory cap (past it, allocations fail with MemoryError);
- a check times itself (its per-check limit); a cell past the cell time limit is
  interrupted (KeyboardInterrupt), as Jupyter does, and killed if it does not stop;
- a cell that ends its process (``os._exit``, a segfault, a kill) gets an ``error``
  output saying why (0 points), and a new submission process replays the answer cells
  before it and carries on after it: the notebook's other cells are graded as usual;
- whatever the notebook started is killed when the notebook is done.

Run as ``python -m coursekit.batch.worker``: jobs arrive on stdin and results leave on
the original stdout, as length-prefixed JSON (:mod:`coursekit.batch.frames`).
"""
from __future__ import annotations

import gc
import os
import select
import signal
import socket
import sys
import tempfile
import time
from pathlib import Path

from coursekit.batch import frames
from coursekit.grading import warm_up
from coursekit.sandbox import process as sandbox
from coursekit.sandbox import seal
from coursekit.sandbox.process import (describe_end, die_with_parent, kill_group, limit_cpu, limit_memory,
                                       send_signal)

INTERRUPT_GRACE_S = 5.0  # after an interrupt, how long a cell has (at most) to stop before it is killed


def _crashed_output(cell: dict, why: str, tag: str = "crashed") -> dict:
    name = cell.get("check") or "this cell"
    return {"output_type": "error", "ename": "CheckFailed", "evalue": f"[{tag}] {name}\n{why}",
            "traceback": [f"CheckFailed: [{tag}] {name}", why]}


def _check_id(cell: dict) -> str:
    """What a test cell's check is called in its sealed verdict: "<exercise>__<check>"."""
    return str(cell.get("grade_id") or cell.get("check") or "")


def _enforce_verdict(cell: dict, result: dict) -> None:
    """A test cell keeps what it showed only where its sealed verdict agrees: a check
    that did not pass, or whose verdict never came, shows an error (0 points)."""
    has_error = any(o.get("output_type") == "error" for o in result["outputs"])
    sealed = result.pop("sealed", None)
    if sealed is None:
        if not has_error:
            result["outputs"] = [_crashed_output(cell, "the check never reported its outcome (was "
                                                       "grade_check replaced?)", "no verdict")]
        return
    status, reason, text, tampered = sealed
    if tampered:
        result["outputs"] = [_crashed_output(cell, seal.tampering_message(tampered), "tampering detected")]
    elif status not in ("passed", "skipped") and not has_error:
        result["outputs"] = [_crashed_output(cell, text, reason or "failed")]


def cpu_limit_s(job: dict) -> int:
    """CPU seconds one submission process may use: its cells' time limits added up, so
    only a process that spins several threads (or dodges the interrupts) reaches it."""
    cells = sum(1 for c in job["cells"] if c.get("source", "").strip())
    return int(job["cell_timeout_s"] * max(cells, 1)) + 1


def become_subreaper() -> None:
    """Linux: processes orphaned below this one are re-parented to it (not to init), so
    :func:`kill_leftovers` finds them, even those that left the process group."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def _children() -> list[int]:
    me, found = str(os.getpid()), []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == me:
                found.append(int(entry))
    return found


def kill_leftovers(rounds: int = 20) -> None:
    """Kill and reap every child of this worker: between notebooks it has none of its own,
    so each one is something a notebook left behind."""
    for _ in range(rounds):
        children = _children()
        if not children:
            return
        for pid in children:
            send_signal(pid, signal.SIGKILL)
        for pid in children:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def _fork_with_pipe():
    read_fd, write_fd = os.pipe()
    gc.freeze()  # the child's collector then leaves the worker's objects (and their pages) alone
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        return 0, write_fd
    os.close(write_fd)
    os.set_blocking(read_fd, False)
    return pid, frames.Reader(read_fd)


def interruptible() -> None:
    """SIGINT raises KeyboardInterrupt here, however the worker was started: a background job
    of a script (``coursekit autograde ... &``, CI, cron) inherits SIGINT ignored, and a cell
    past its time limit would then be killed instead of interrupted."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _submission_process(job: dict, workdir: str, start: int, replay: list[int], count: int,
                        report: int, keys: list, recorded: tuple) -> None:
    """Run cells ``start:`` of the job (after replaying ``replay`` silently); never returns.
    After each test cell, the check's verdict goes out sealed (:mod:`coursekit.sandbox.seal`)."""
    code = 0
    try:
        die_with_parent()
        os.setsid()
        interruptible()
        if job.get("sandbox") is not None:
            workdir = sandbox.enter(workdir, job["sandbox"].get("hide", ()), keep_fds=(report,))
        limit_memory(job["memory_limit_gib"])
        limit_cpu(cpu_limit_s(job))
        os.environ.update(job.get("env", {}))
        os.environ["COURSEKIT_MEMORY_LIMIT_GIB"] = f"{job['memory_limit_gib']:g}"
        os.chdir(workdir)
        from coursekit.batch.cells import CellRunner
        from coursekit.notebook import grade_check

        runner = CellRunner()
        runner.capture_file_descriptors()
        runner.execution_count = count
        cells, audit, send, now = job["cells"], sys.audit, frames.send, time.time  # before any answer
        seal.install(report, keys.pop(), recorded, verdict_code=grade_check.__code__)
        for index in replay:
            runner.run(cells[index]["source"], silent=True)
        for index in range(start, len(cells)):
            cell = cells[index]
            if not cell.get("source", "").strip():
                continue  # as Jupyter: an empty cell does not run
            send(report, {"start": index, "at": now()})
            if cell.get("test"):
                audit("coursekit.expect", _check_id(cell))
            outputs = runner.run(cell["source"])
            send(report, {"done": index, "count": runner.execution_count, "outputs": outputs, "at": now()})
            if cell.get("test"):
                audit("coursekit.seal", _check_id(cell), "verdict", "", "")
        send(report, {"finished": True})
    except BaseException:  # noqa: BLE001 - the worker reads the death from the wait status
        code = 70
    finally:
        os._exit(code)


def _follow(pid: int, channel: frames.Reader, job: dict, results: dict, replaying: int,
            opener: seal.Opener):
    """Collect a submission process's cell reports until it ends.

    A cell past the cell time limit is interrupted (KeyboardInterrupt, as Jupyter does),
    then killed if it does not stop within :data:`INTERRUPT_GRACE_S` (or the cell limit);
    a replay of ``replaying`` cells gets the cell limit for each. Returns (the cell running
    when the process ended, or None; whether it got to the end; its wait status; whether
    it was stopped: "" if not, "interrupted" or "killed" for time, "tampered: <why>" for a
    forged report or a forbidden act; the cells that were interrupted but then ended by
    themselves). Sealed verdicts are stored with their test cells' results ("sealed").
    """
    cells, running, stopping, finished, interrupted = job["cells"], None, "", False, set()
    began, forged, verdicts = None, "", {}
    deadline = time.monotonic() + job["cell_timeout_s"] * replaying if replaying else None
    while not channel.closed:
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([channel.fd], [], [], timeout)
        if not ready:
            if stopping or running is None:
                send_signal(pid, signal.SIGKILL)
                stopping, deadline = "killed", None
            else:
                stopping = "interrupted"
                send_signal(pid, signal.SIGINT)
                deadline = time.monotonic() + min(INTERRUPT_GRACE_S, job["cell_timeout_s"])
            continue
        for message in channel.feed():
            try:
                opened = opener.open(message)
            except ValueError as exc:  # a forged report: the process is ended, its cell fails
                send_signal(pid, signal.SIGKILL)
                stopping, forged = "killed", str(exc)
                continue
            if opened is not None:
                (name, status, reason, text), tampered = opened
                verdicts[name] = (status, reason, text, tampered)
                continue
            if not isinstance(message, dict) or forged:
                continue
            if message.get("start") in range(len(cells)):
                running, stopping, began = message["start"], "", message.get("at")
                deadline = time.monotonic() + job["cell_timeout_s"]
            elif running is not None and message.get("done") == running:
                results[running] = {"outputs": message.get("outputs", []),
                                    "execution_count": message.get("count"),
                                    "began": began, "ended": message.get("at")}
                if stopping:
                    interrupted.add(running)
                running, deadline, stopping = None, None, ""
            elif message.get("finished"):
                finished = True
    os.close(channel.fd)
    _, status = os.waitpid(pid, 0)
    for index, result in results.items():
        if cells[index].get("test") and "sealed" not in result:
            result["sealed"] = verdicts.get(_check_id(cells[index]))
    if forged or (opener.alarm is not None and os.WIFEXITED(status)
                  and os.WEXITSTATUS(status) == seal.ALARM_EXIT):
        finished = False
        why = f"tampering detected: {forged}" if forged else seal.alarm_message(opener.alarm)
        stopping = "tampered: " + why
    return running, finished, status, stopping, interrupted


def run_job(job: dict) -> dict:
    """Execute one notebook's code cells; return each cell's outputs and execution count.

    ``job``: ``cells`` (list of {"source", "test", "check"}), ``cell_timeout_s``,
    ``memory_limit_gib``, ``env`` (set for the cells). The cells run in a new empty
    folder, removed afterwards. Returns {"cells": {index: {"outputs", "execution_count"}},
    "problems": [{"cell", "reason"}], "seconds"}.
    """
    if job.get("sandbox") is not None:
        from coursekit.config import course_root
        from coursekit.sandbox import hidden_paths

        root = job.get("env", {}).get("COURSEKIT_ROOT") or course_root()
        job = {**job, "sandbox": {"hide": hidden_paths(Path(root), job["sandbox"].get("hide", ()))}}
    with tempfile.TemporaryDirectory(prefix="coursekit-grading-", ignore_cleanup_errors=True) as workdir:
        try:
            return _run_cells(job, workdir)
        finally:
            kill_leftovers()


def _run_cells(job: dict, workdir: str) -> dict:
    began = time.perf_counter()
    cells, results, problems, start = job["cells"], {}, [], 0
    skip = set()  # cells not to replay: they killed their process or had to be interrupted
    while start < len(cells):
        replay = [i for i in range(start) if not cells[i].get("test") and i not in skip
                  and cells[i].get("source", "").strip()]
        count = _last_count(results)
        keys, recorded = [seal.new_key()], seal.current_snapshot()
        opener = seal.Opener(keys[0])
        pid, channel = _fork_with_pipe()
        if pid == 0:
            _submission_process(job, workdir, start, replay, count, channel, keys, recorded)
        running, finished, status, stopped, interrupted = _follow(pid, channel, job, results, len(replay),
                                                                  opener)
        kill_group(pid)
        skip |= interrupted
        if finished:
            break
        if running is None:  # it died replaying earlier cells: the rest cannot run
            why = "the notebook could not be restored after an earlier cell crashed"
            for index in range(start, len(cells)):
                if index not in results:
                    results[index] = {"outputs": [_crashed_output(cells[index], why)],
                                      "execution_count": None}
            break
        tag = "crashed"
        if stopped.startswith("tampered: "):
            why, tag = stopped.removeprefix("tampered: "), "tampering detected"
        elif stopped:
            why = (f"the cell ran past its time limit of {job['cell_timeout_s']:g} s and did not "
                   "stop when interrupted; hint: look for a loop that never ends")
        else:
            why = describe_end(status, job["memory_limit_gib"], cpu_limit_s(job))
        results[running] = {"outputs": [_crashed_output(cells[running], why, tag)],
                            "execution_count": _last_count(results) + 1}
        skip.add(running)
        start = running + 1
    for index, result in sorted(results.items()):
        if cells[index].get("test"):
            _enforce_verdict(cells[index], result)
        for output in result["outputs"]:
            if output.get("output_type") == "error" and output.get("ename") == "CheckFailed" and (
                    output["evalue"].startswith(("[crashed]", "[timed out]"))):
                problems.append({"cell": index, "reason": output["evalue"]})
    return {"cells": {str(k): v for k, v in results.items()}, "problems": problems,
            "seconds": time.perf_counter() - began, "worker": f"{socket.gethostname()}:{os.getpid()}"}


def _last_count(results: dict) -> int:
    """The execution count of the last cell that ran (counts only grow, across processes too)."""
    return max([r["execution_count"] or 0 for r in results.values()], default=0)


def main() -> int:
    """Serve jobs from stdin until it closes."""
    parent = os.getppid()
    die_with_parent()
    if os.getppid() != parent:
        return 0
    protocol_out = os.dup(1)
    os.dup2(2, 1)  # anything printed by accident goes to stderr, not into the protocol
    protocol_in = sys.stdin.fileno()
    hello = frames.receive(protocol_in)
    if hello is None:
        return 0
    become_subreaper()
    warm_up(hello.get("imports", ()))
    import coursekit.batch.cells  # noqa: F401
    import coursekit.notebook  # noqa: F401  (records what tampering would change)
    frames.send(protocol_out, {"ready": os.getpid()})
    preloaded = set()
    while True:
        job = frames.receive(protocol_in)
        if job is None:
            return 0
        try:
            if job.get("assignment") and job["assignment"] not in preloaded:
                from coursekit.notebook import preload

                preload(job["assignment"])
                preloaded.add(job["assignment"])
            result = run_job(job)
        except Exception as exc:  # noqa: BLE001 - report, keep serving
            result = {"error": f"{type(exc).__name__}: {exc}"}
        frames.send(protocol_out, result)


if __name__ == "__main__":
    sys.exit(main())
