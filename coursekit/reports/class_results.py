"""Every student's result on every check of one graded nbgrader assignment.

Points come from the gradebook (one grade per test cell; the cell's ``grade_id`` is
``<exercise>__<check>``). What each failed check said, what crashed, hung or was
flagged, and how long each cell ran come from the autograded notebooks
(``autograded/<student>/<assignment>/<notebook>.ipynb``) and the submitted ones.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import nbformat

# What a problem with a submission is (each is listed on the class report, with its reason)
CRASHED = "crashed"  # an answer cell raised (other than a stub's NotImplementedError), the student's
#                      code called sys.exit during a check, or the kernel died
HUNG = "hung"  # a check ran past its time limit, a cell ran past nbgrader's limit, or no autograded copy
FLAGGED = "flagged"  # graded, but a person should look: test cells edited (nbgrader restored them),
#                      a test cell error that is not a check's verdict, a grade that needs a person
KINDS = (CRASHED, HUNG, FLAGGED)

# "raised" inside a check is behaviour (a wrong shape, a bad call); these are not
CRASH_REASONS = ("exited", "crashed", "out of memory")
TIMEOUT_ERRORS = ("CellTimeoutError", "TimeoutError", "KeyboardInterrupt")


@dataclass
class CheckResult:
    """One student's result on one check."""

    points: float  # from the gradebook
    max_points: float
    reason: str = ""  # the check's verdict, e.g. "wrong behaviour", "timed out"; "" when passed
    message: str = ""  # what the test cell printed for a failure (expected / found / hint)
    seconds: float | None = None  # the test cell's run time, when the notebook recorded it

    @property
    def passed(self) -> bool:
        return self.points >= self.max_points


@dataclass
class StudentResult:
    checks: dict[tuple[str, str], CheckResult] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (kind, what happened)
    seconds: float | None = None  # grading time

    @property
    def total(self) -> float:
        return sum(c.points for c in self.checks.values())

    def exercise_points(self, exercise: str) -> float:
        return sum(c.points for (e, _), c in self.checks.items() if e == exercise)


@dataclass
class ClassResults:
    assignment: str
    checks: list[tuple[str, str, float]]  # (exercise, check, max points) in notebook order
    students: dict[str, StudentResult]
    timing_source: str = ""  # where the grading times come from

    @property
    def exercises(self) -> list[str]:
        return list(dict.fromkeys(e for e, _, _ in self.checks))

    def exercise_max(self, exercise: str) -> float:
        return sum(m for e, _, m in self.checks if e == exercise)

    @property
    def max_total(self) -> float:
        return sum(m for _, _, m in self.checks)


def _split(grade_id: str) -> tuple[str, str]:
    exercise, _, check = grade_id.partition("__")
    return exercise, check


def parse_failure(output: dict) -> tuple[str, str]:
    """(reason, message) of a test cell's error output.

    A check's verdict reads ``[reason] check\\nmessage``; any other error is reported
    as ``error: <name>`` with its value.
    """
    name, value = output.get("ename", ""), str(output.get("evalue", ""))
    if name == "CheckFailed" and value.startswith("["):
        head, _, message = value.partition("\n")
        return head[1:head.index("]")] if "]" in head else head, message.strip()
    return f"error: {name}", value.strip()


def _cell_seconds(cell) -> float | None:
    execution = cell.get("metadata", {}).get("execution", {})
    start, end = execution.get("iopub.execute_input"), execution.get("shell.execute_reply")
    if not (start and end):
        return None
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))  # noqa: E731
    return max((parse(end) - parse(start)).total_seconds(), 0.0)


def _errors(cell) -> list[dict]:
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def _test_sources(path: Path | None) -> dict[str, str]:
    if path is None or not path.is_file():
        return {}
    return {c.metadata["nbgrader"]["grade_id"]: c.source for c in nbformat.read(path, as_version=4).cells
            if c.metadata.get("nbgrader", {}).get("grade")}


def read_notebook(autograded: Path, submitted: Path | None, result: StudentResult,
                  released: Path | None = None) -> None:
    """Fill messages, times and problems of one student from the autograded notebook.

    A test cell is edited when the submitted notebook's source differs from the released
    one (nbgrader grades with its own copy of the cell)."""
    nb = nbformat.read(autograded, as_version=4)
    given, sent = _test_sources(released), _test_sources(submitted)
    original = {k: v for k, v in sent.items() if k in given and v != given[k]}
    times, edited = [], []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        grade_id = meta.get("grade_id", "")
        seconds = _cell_seconds(cell)
        if seconds is not None:
            times.append(seconds)
        errors = _errors(cell)
        name = errors[0].get("ename", "") if errors else ""
        if meta.get("solution") and not meta.get("grade") and errors and name != "NotImplementedError":
            value = (str(errors[0].get("evalue", "")).splitlines() or [""])[0]
            kind = HUNG if name in TIMEOUT_ERRORS else CRASHED
            result.problems.append((kind, f"answer cell {grade_id}: {name}: {value}"[:300]))
        if not meta.get("grade") or cell.cell_type != "code":
            continue
        key = _split(grade_id)
        if grade_id in original:
            edited.append(grade_id)
        check = result.checks.get(key)
        if check is None:
            continue
        check.seconds = seconds
        if errors:
            check.reason, check.message = parse_failure(errors[0])
            what = f"{key[0]} / {key[1]}: {check.reason}"
            if check.reason == "timed out" or name in TIMEOUT_ERRORS:
                result.problems.append((HUNG, what))
            elif check.reason in CRASH_REASONS or name == "DeadKernelError":
                result.problems.append((CRASHED, what))
            elif check.reason.startswith("error: "):
                result.problems.append((FLAGGED, f"{what} (not a check's verdict)"))
    if edited:
        result.problems.append((FLAGGED, f"{len(edited)} test cell(s) edited, restored by nbgrader: "
                                + ", ".join(edited[:4]) + (" ..." if len(edited) > 4 else "")))
    if times and result.seconds is None:
        result.seconds = sum(times)


def _gradebook(course_dir: Path) -> str:
    """The course's gradebook URL: its nbgrader_config.py's, else gradebook.db beside it."""
    from coursekit.nbbuild import gradebook_url

    if (course_dir / "nbgrader_config.py").is_file():
        return gradebook_url(course_dir)
    if (course_dir / "gradebook.db").is_file():
        return f"sqlite:///{course_dir / 'gradebook.db'}"
    raise FileNotFoundError(f"no nbgrader_config.py or gradebook.db in {course_dir}: "
                            "is it an nbgrader course folder?")


def collect(course_dir: Path, assignment: str, seconds: dict[str, float] | None = None,
            seconds_source: str = "measured by the caller") -> ClassResults:
    """Read one assignment of an nbgrader course folder (gradebook.db, autograded/, submitted/).

    ``seconds``: the grading time of each student, when the caller measured it (and
    ``seconds_source`` says how); else the sum of the autograded notebook's cell run times.
    """
    from nbgrader.api import Gradebook, MissingEntry

    course_dir = Path(course_dir)
    url = _gradebook(course_dir)
    order: list[tuple[str, str, float]] = []
    students: dict[str, StudentResult] = {}
    notebooks: list[str] = []
    with Gradebook(url) as gb:
        try:
            record = gb.find_assignment(assignment)
        except MissingEntry:
            raise LookupError(f"no assignment {assignment!r} in the gradebook {url}") from None
        for notebook in record.notebooks:
            notebooks.append(notebook.name)
            cells = sorted(notebook.grade_cells, key=lambda c: c.id)
            order += [(*_split(c.name), float(c.max_score)) for c in cells]
        for student in sorted(s.id for s in gb.students):
            try:
                sub = gb.find_submission(assignment, student)
            except Exception:  # noqa: BLE001 - no submission: not on the report
                continue
            result = StudentResult()
            for nb in sub.notebooks:
                for grade in nb.grades:
                    if grade.cell.type != "GradeCell":
                        continue
                    result.checks[_split(grade.name)] = CheckResult(
                        float(grade.score or 0.0), float(grade.max_score))
                    if grade.needs_manual_grade:
                        result.problems.append((FLAGGED, f"{grade.name}: needs a manual grade"))
                if nb.flagged:
                    result.problems.append((FLAGGED, f"{nb.name}: flagged in the gradebook"))
            students[student] = result
    order = _notebook_order(course_dir, assignment, notebooks, order)
    for student, result in students.items():
        if seconds and student in seconds:
            result.seconds = float(seconds[student])
        for name in notebooks:
            autograded = course_dir / "autograded" / student / assignment / f"{name}.ipynb"
            if not autograded.is_file():
                result.problems.append((HUNG, f"{name}: no autograded copy (autograde did not finish)"))
                continue
            submitted = course_dir / "submitted" / student / assignment / f"{name}.ipynb"
            released = course_dir / "release" / assignment / f"{name}.ipynb"
            read_notebook(autograded, submitted, result, released)
    source = seconds_source if seconds else "the autograded notebooks' cell run times"
    return ClassResults(assignment, order, students, source)


def _notebook_order(course_dir, assignment, notebooks, order):
    """Checks in the order the release notebook shows them (else the gradebook's)."""
    position = {}
    for name in notebooks:
        path = course_dir / "release" / assignment / f"{name}.ipynb"
        if path.is_file():
            for cell in nbformat.read(path, as_version=4).cells:
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                if cell.metadata.get("nbgrader", {}).get("grade"):
                    position.setdefault(_split(grade_id), len(position))
    return sorted(order, key=lambda c: position.get(c[:2], len(position)))
