"""What happened in one check, in words a student can act on.

Used by the pytest plugin and by :func:`run_check` (the kit's own tests and the
notebooks), so every way of grading tells the same story.
"""
from __future__ import annotations

import os
import signal
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path

from coursekit.checks import CheckFailure
from coursekit.checks.properties import is_graded_code

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"


@dataclass(frozen=True)
class Outcome:
    status: str  # passed | failed | skipped
    reason: str = ""  # e.g. "not implemented yet", "not submitted", "wrong behaviour"
    message: str = ""

    @property
    def passed(self) -> bool:
        return self.status == PASSED


def _student_frame(tb) -> str:
    """The innermost frame in the student's own code (not the kit, graders or libraries)."""
    where = ""
    for frame in traceback.extract_tb(tb):
        if is_graded_code(frame.filename):
            path = Path(frame.filename)
            where = f"{path.parent.name}/{path.name}, line {frame.lineno}, in {frame.name}"
    return where


def _raised_by_a_statement(tb) -> bool:
    """A stub's ``raise NotImplementedError`` (or torch's for a module without ``forward``):
    the innermost frame is a ``raise``. torch's own NotImplementedError from C++ (an op a
    tensor on the meta device cannot run, say) comes out of a call on the student's line, and
    is the student's mistake, not unfinished work."""
    frames = traceback.extract_tb(tb)
    return not frames or (frames[-1].line or "").lstrip().startswith("raise")


def classify(exc: BaseException) -> Outcome:
    """Turn an exception raised by a check into an :class:`Outcome`."""
    from _pytest.outcomes import Skipped

    from coursekit.isolated import Judged
    from coursekit.solutions import ImportFailed, NotSubmitted

    if isinstance(exc, (Judged, Skipped)) and _student_frame(exc.__traceback__):
        return Outcome(FAILED, "raised", f"your code raised {type(exc).__name__}, which only the "
                       f"grader may raise (at {_student_frame(exc.__traceback__)}): a check's outcome "
                       "is the grader's to decide")
    if isinstance(exc, Judged):
        return exc.outcome
    if isinstance(exc, NotSubmitted):
        return Outcome(FAILED, "not submitted", exc.message)
    if isinstance(exc, ImportFailed):
        return Outcome(FAILED, "does not import", exc.message)
    if isinstance(exc, CheckFailure):
        return Outcome(FAILED, "wrong behaviour", exc.message)
    if isinstance(exc, NotImplementedError) and _raised_by_a_statement(exc.__traceback__):
        where = _student_frame(exc.__traceback__)
        return Outcome(FAILED, "not implemented yet",
                       f"not implemented yet: {where or 'a stub'} still raises NotImplementedError")
    name = type(exc).__name__
    if isinstance(exc, Skipped):  # pytest.skip(...), by a check
        return Outcome(SKIPPED, "skipped", str(getattr(exc, "msg", exc)))
    if name == "Failed" and "Timeout" in str(exc):  # pytest-timeout
        return Outcome(FAILED, "timed out", f"timed out: {str(exc).splitlines()[0]}; "
                       "hint: look for a loop that never ends")
    where = _student_frame(exc.__traceback__)
    if isinstance(exc, MemoryError):
        limit = os.environ.get("COURSEKIT_MEMORY_LIMIT_GIB")
        return Outcome(FAILED, "out of memory",
                       (f"your code used more than {limit} GiB of memory, the limit" if limit
                        else "your code ran out of memory") + (f" (at {where})" if where else "")
                       + "; hint: look for a list or tensor that grows without end")
    if isinstance(exc, SystemExit):
        return Outcome(FAILED, "exited", f"your code called sys.exit({exc.code!r})"
                       + (f" at {where}" if where else "") + "; hint: return values instead")
    detail = f"{name}: {exc}".strip()
    return Outcome(FAILED, "raised", f"your code raised {detail}"
                   + (f"\n  at {where}" if where else ""))


class CheckTimeout(BaseException):
    """A check ran past its time limit (a BaseException: `except Exception` can't swallow it)."""


def _on_alarm(signum, frame):
    raise CheckTimeout


def run_check(check, submission, seed: int = 0, timeout_s: float | None = None) -> Outcome:
    """Run one check function on a submission outside pytest.

    With ``timeout_s`` (main thread only), a check that runs longer fails as
    "timed out", as pytest-timeout makes it fail under pytest.
    """
    from coursekit import tamper
    from coursekit.grading import reset_random_state

    reset_random_state(seed)
    outcome = _run(check, submission, timeout_s)
    tampered = tamper.verdict()
    if tampered:
        return Outcome(FAILED, "tampering detected", tampered)
    return outcome if isinstance(outcome, Outcome) else classify(outcome)


def _run(check, submission, timeout_s: float | None):
    """The check's Outcome when it passed or timed out, else the exception it raised
    (classified by the caller, once any tampering is undone)."""
    alarm = timeout_s is not None and threading.current_thread() is threading.main_thread()
    if alarm:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout_s)
    try:
        check(submission)
    except KeyboardInterrupt:
        raise
    except CheckTimeout:
        return Outcome(FAILED, "timed out", f"timed out: the check ran past {timeout_s:g} s; "
                       "hint: look for a loop that never ends")
    except BaseException as exc:  # noqa: BLE001 - a check must never crash the caller
        return exc
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    return Outcome(PASSED)
