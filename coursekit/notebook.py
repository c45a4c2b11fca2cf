"""Run a grader check inside a notebook kernel (nbgrader test cells call this).

A test cell holds one call, e.g. ``grade_check("session03", "ex01_simple_mlp", "forward")``.
The check is the same function pytest runs, applied to the notebook's own definitions.
A failed check raises :class:`CheckFailed` (nbgrader: 0 points) with the same message
pytest prints; a passed or skipped check prints one line.
"""
from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path

from coursekit import tamper
from coursekit.config import course_root, load_course
from coursekit.grading import grader_path, load_grader, single_threaded, warm_torch
from coursekit.outcome import run_check
from coursekit.solutions import Submission

warm_torch()  # torch's lazy start (it rebinds some of torch's names) is over before ...
tamper.baseline()  # ... the record; the notebook's setup cell imports this before any answer


class CheckFailed(Exception):
    """A check failed: its message says what was expected, what was found, and a hint."""

    def _render_traceback_(self):
        """IPython shows just the message: no cell source, no kit frames."""
        return [f"CheckFailed: {line}" if i == 0 else line
                for i, line in enumerate(str(self).splitlines())]


_GRADERS: dict[Path, object] = {}  # grader file -> module, loaded once per process


def _grader(root: Path, session_id: str, exercise_id: str, hidden: bool):
    path = grader_path(root, session_id, exercise_id, hidden)
    if path not in _GRADERS:
        _GRADERS[path] = load_grader(path)
    return _GRADERS[path]


def preload(session_id: str) -> None:
    """Load the course and every grader of one session now (a warm worker does this once,
    before it runs any notebook of that session)."""
    root = course_root()
    session = next((s for s in load_course(root).sessions if s.id == session_id), None)
    for exercise in session.exercises if session else ():
        for hidden in {c.hidden for c in exercise.checks}:
            _grader(root, session_id, exercise.id, hidden)


@contextlib.contextmanager
def _stderr_as_stdout():
    """What runs in a check writes to stderr as plain output (a library's warning, torch's C++
    profiler on file descriptor 2): nbgrader gives a test cell with any stderr output 0 points,
    and a check's points are its verdict's."""
    sys.stdout.flush()
    sys.stderr.flush()
    stderr, saved = sys.stderr, os.dup(2)
    loggers = [logging.getLogger(), *(v for v in logging.Logger.manager.loggerDict.values()
                                      if isinstance(v, logging.Logger))]
    handlers = [h for lg in loggers for h in lg.handlers  # torch's log to the stderr of their start
                if isinstance(h, logging.StreamHandler) and h.stream is stderr]
    os.dup2(1, 2)
    for handler in handlers:
        handler.setStream(sys.stdout)
    try:
        with contextlib.redirect_stderr(sys.stdout):
            yield
    finally:
        sys.stdout.flush()
        for handler in handlers:
            handler.setStream(stderr)
        os.dup2(saved, 2)
        os.close(saved)


def grade_check(session_id: str, exercise_id: str, check_name: str, namespace: dict | None = None):
    tampered = tamper.verdict()  # first: what follows relies on what may have been replaced
    if tampered:
        sys.audit("coursekit.verdict", f"{exercise_id}__{check_name}", "failed", "tampering detected",
                  tampered)
        raise CheckFailed(f"[tampering detected] {check_name}\n{tampered}")
    root = course_root()
    single_threaded()
    course = load_course(root)
    exercise = course.find(session_id, exercise_id)[1]
    check = exercise.check(check_name)
    grader = _grader(root, session_id, exercise_id, check.hidden)
    if namespace is None:
        namespace = vars(sys.modules["__main__"])
    submission = Submission(namespace, f"the notebook's {exercise_id} cell")
    timeout = course.check_limit_s(exercise, float(os.environ.get("COURSEKIT_CHECK_TIMEOUT", 0)) or None)
    with _stderr_as_stdout():
        outcome = run_check(getattr(grader, f"test_{check_name}"), submission, course.seed, timeout)
    # Under coursekit autograde, the sealing hook records this outcome (from this function
    # only) and the grading loop reports it sealed; elsewhere this does nothing.
    sys.audit("coursekit.verdict", f"{exercise_id}__{check_name}", str(outcome.status),
              str(outcome.reason), str(outcome.message))
    if outcome.status == "failed":
        raise CheckFailed(f"[{outcome.reason}] {check_name}\n{outcome.message}") from None
    print(f"{check_name}: {outcome.status}" + (f" ({outcome.message})" if outcome.message else ""))
