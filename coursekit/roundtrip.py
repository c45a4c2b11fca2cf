"""The instructor's round trip with the real nbgrader commands, on an embedded default.

build the course -> generate_assignment -> release_assignment -> each simulated student
fetches, fills and submits -> collect -> ``coursekit autograde`` (every submission at once,
on warm workers, into nbgrader's gradebook) -> generate_feedback -> export CSV, then a
grade table with, beside each gradebook score, the score pytest gives the same work.
"""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat

from coursekit.config import load_course
from coursekit.grading import exercise_checks, single_threaded
from coursekit.nbbuild import build_course, gradebook_url
from coursekit.outcome import run_check
from coursekit.simclass import ROUNDTRIP_SESSION, fill_notebook, scenarios, submit
from coursekit.solutions import load_file, load_submission


def batch_autograde(root: Path, course_dir: Path, assignment: str | list[str], env: dict, log,
                    timings: list, *extra: str) -> bool:
    """``coursekit autograde ASSIGNMENT [ASSIGNMENT ...]`` in the course folder, as an instructor
    types it."""
    start = time.perf_counter()
    names = [assignment] if isinstance(assignment, str) else list(assignment)
    command = [str(Path(sys.executable).parent / "coursekit"), "--root", str(root), "autograde",
               *names, "--no-progress", *extra]
    proc = subprocess.run(command, cwd=course_dir, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    seconds = time.perf_counter() - start
    timings.append((f"coursekit autograde {' '.join(names)}", seconds))
    log.write(f"$ coursekit autograde {' '.join(names)} {' '.join(extra)}  "
              f"({seconds:.1f} s, exit {proc.returncode})\n")
    log.write(proc.stdout + "\n")
    return proc.returncode == 0


class Runner:
    """Runs nbgrader commands and keeps a log and the wall time of each step."""

    def __init__(self, course_dir: Path, env: dict, log):
        self.course_dir, self.env, self.log = course_dir, env, log
        self.timings: list[tuple[str, float]] = []

    def __call__(self, *args, cwd=None, check=True):
        start = time.perf_counter()
        proc = subprocess.run(["nbgrader", *args], cwd=cwd or self.course_dir, env=self.env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        seconds = time.perf_counter() - start
        self.timings.append((" ".join([a for a in args if not a.startswith("--")][:3]), seconds))
        self.log.write(f"$ nbgrader {' '.join(args)}  ({seconds:.1f} s, exit {proc.returncode})\n")
        self.log.write(proc.stdout + "\n")
        if check and proc.returncode != 0:
            raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{proc.stdout[-3000:]}")
        return proc


def write_modules(folder: Path, session_id: str, answers: dict, released: Path) -> Path:
    """The answer cells as modules, in a folder laid out like exercises/ (for pytest)."""
    released_nb = nbformat.read(released, as_version=4)
    stubs = {c.metadata["nbgrader"]["grade_id"][: -len("_answer")]: c.source
             for c in released_nb.cells if c.metadata.get("nbgrader", {}).get("solution")}
    (folder / session_id).mkdir(parents=True, exist_ok=True)
    for exercise_id, stub in stubs.items():
        (folder / session_id / f"{exercise_id}.py").write_text(answers.get(exercise_id) or stub)
    return folder


def check_points(root: Path, course, session, folder: Path, timeout_s: float) -> dict:
    """{(exercise, check): points} the graders give the modules in ``folder``."""
    points = {}
    for exercise in session.exercises:
        path = folder / session.id / f"{exercise.id}.py"
        stages = session.stages_before(exercise.id)
        before = tuple(load_submission(folder, session.id, stage) for stage in stages)
        submission = load_file(path, f"_roundtrip_{folder.name}_{exercise.id}", before)
        checks = exercise_checks(root, session.id, exercise.id)
        for c in exercise.checks:
            limit = course.check_limit_s(exercise, timeout_s)
            passed = run_check(checks[c.name], submission, course.seed, limit).passed
            points[(exercise.id, c.name)] = c.points if passed else 0.0
    return points


def nbgrader_points(course_dir: Path, assignment: str, students: list[str]) -> dict:
    """{student: {(exercise, check): points}} read from the gradebook."""
    from nbgrader.api import Gradebook

    result = {}
    with Gradebook(gradebook_url(course_dir)) as gb:
        for student in students:
            sub = gb.find_submission_notebook(assignment, assignment, student)
            result[student] = {tuple(g.name.split("__", 1)): float(g.score or 0.0)
                               for g in sub.grades}
    return result


def per_exercise(points: dict) -> dict[str, float]:
    totals: dict[str, float] = {}
    for (exercise, _), value in points.items():
        totals[exercise] = totals.get(exercise, 0.0) + value
    return totals


def course_folder(root: Path, workdir: Path, check_timeout_s: float,
            db_url: str | None = None) -> tuple[Path, dict]:
    """A fresh nbgrader course folder under ``workdir`` and the environment its commands run in."""
    if workdir.exists():
        shutil.rmtree(workdir)
    course_dir = build_course(root, workdir / "course", db_url)
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
           "HOME": str(workdir / "home"), "MPLBACKEND": "Agg",
           "COURSEKIT_CHECK_TIMEOUT": str(check_timeout_s), "COURSEKIT_ROOT": str(root),
           "OMP_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    (workdir / "home").mkdir()
    return course_dir, env


def _expected_points(root, course, session, workdir, people, released, check_timeout_s) -> dict:
    """{student: {(exercise, check): points}} the graders give each student's answers."""
    expected = {}
    for sid, plan in people.items():
        folder = write_modules(workdir / "as_modules" / sid, session.id, plan["answers"], released)
        expected[sid] = check_points(root, course, session, folder, check_timeout_s)
    return expected


def run(root: Path, workdir: Path, session_id: str = ROUNDTRIP_SESSION, check_timeout_s: float = 10,
        out=sys.stdout) -> dict:
    root, workdir = Path(root).resolve(), Path(workdir).resolve()
    course = load_course(root)
    single_threaded()
    session = next(s for s in course.sessions if s.id == session_id)
    course_dir, env = course_folder(root, workdir, check_timeout_s)
    log = open(workdir / "nbgrader.log", "w")
    nb = Runner(course_dir, env, log)
    people = scenarios(root, session)

    with open(course_dir / "students.csv", "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "first_name", "last_name", "email"])
        writer.writerows([sid, sid, "Student", ""] for sid in people)
    nb("db", "student", "import", "students.csv")
    nb("generate_assignment", session_id, "--force")
    nb("release_assignment", session_id, "--force")
    for sid, plan in people.items():
        home = workdir / "students" / sid
        home.mkdir(parents=True)
        (home / "nbgrader_config.py").write_text(
            "c = get_config()  # noqa: F821\n"
            f"c.CourseDirectory.course_id = {course.id!r}\n"
            f"c.Exchange.root = {str(course_dir / 'exchange')!r}\n"
            f"c.Exchange.cache = {str(home / 'cache')!r}\n")
        nb("fetch_assignment", session_id, cwd=home)
        fill_notebook(home / session_id / f"{session_id}.ipynb", plan["answers"],
                      plan.get("edit_tests", False))
        nb("submit", session_id, "--student", sid, cwd=home)
    nb("collect", session_id)
    graded_ok = batch_autograde(root, course_dir, session_id, env, log, nb.timings)
    nb("generate_feedback", session_id, "--force")
    nb("export", "--to", str(workdir / "grades.csv"))
    log.close()

    graded = nbgrader_points(course_dir, session_id, list(people))
    released = course_dir / "release" / session_id / f"{session_id}.ipynb"
    expected = _expected_points(root, course, session, workdir, people, released, check_timeout_s)
    from coursekit.reports.class_results import collect

    autograde_s = {sid: r.seconds or 0.0 for sid, r in collect(course_dir, session_id).students.items()}
    _print_table(out, session, graded, expected, autograde_s)
    print(f"\ngrades exported to {workdir / 'grades.csv'}; feedback in {course_dir / 'feedback'}; "
          f"log in {workdir / 'nbgrader.log'}", file=out)
    if not graded_ok:
        print("coursekit autograde exited non-zero: see the log", file=out)
    print("wall time of each command:", file=out)
    for step, seconds in nb.timings:
        print(f"  {step:<40}{seconds:6.1f} s", file=out)
    from coursekit.reports.class_report import write_class_report

    class_report = write_class_report(course_dir, session_id, workdir / "class_report.html")
    print(f"class report: {class_report}", file=out)
    return {"graded": graded, "expected": expected, "timings": nb.timings, "workdir": workdir,
            "autograde_s": autograde_s, "class_report": class_report, "graded_ok": graded_ok}


def _print_table(out, session, graded, expected, seconds):
    ids = [e.id for e in session.exercises]
    short = [e.split("_")[0] for e in ids]
    possible = sum(c.points for e in session.exercises for c in e.checks)
    print(f"\n{session.id}: points per exercise (the gradebook; pytest on the same work; "
          "the notebook's run time)", file=out)
    print(f"{'student':<18}" + "".join(f"{s:>6}" for s in short)
          + f"{'total':>10}{'pytest':>9}{'run':>11}",
          file=out)
    for sid in graded:
        by_exercise = per_exercise(graded[sid])
        row = [by_exercise.get(e, 0.0) for e in ids]
        total = sum(row)
        want = f"{sum(expected[sid].values()):g}" if sid in expected else "-"
        flag = "" if graded[sid] == expected.get(sid, graded[sid]) else "  MISMATCH"
        print(f"{sid:<18}" + "".join(f"{x:>6g}" for x in row)
              + f"{total:>6g}/{possible:<3g}{want:>9}{seconds[sid]:>9.1f} s{flag}", file=out)


EQUIVALENCE_STUDENTS = ("reference", "untouched", "wrong")


def autograde_equivalence(root: Path, workdir: Path, session_ids, check_timeout_s: float = 10,
                          out=sys.stdout, db_url: str | None = None, batch: bool = True,
                          graded_by_pytest=EQUIVALENCE_STUDENTS, serial=EQUIVALENCE_STUDENTS) -> dict:
    """nbgrader, the batch autograde and the graders agree, session by session.

    Per session: ``generate_assignment``; three submissions copied straight into
    ``submitted/`` (the reference, the untouched release, one mutant per exercise); one
    serial ``nbgrader autograde`` of those in ``serial``. Then (``batch``) one ``coursekit
    autograde --force`` of every session's three submissions (its warm workers start once).
    Returns ``{session: {"graded": {student: points per check} after nbgrader (the students
    in ``serial``), "batch": the same after coursekit autograde (all three), "expected": the
    graders' points (for the students in ``graded_by_pytest``; the kit's tests already know
    the reference's and the stub's), "released": path, "seconds": autograde time}}``.
    """
    root, workdir = Path(root).resolve(), Path(workdir).resolve()
    course = load_course(root)
    single_threaded()
    course_dir, env = course_folder(root, workdir, check_timeout_s, db_url)
    results, everyone = {}, {}
    with open(workdir / "nbgrader.log", "w") as log:
        nb = Runner(course_dir, env, log)
        for session_id in session_ids:
            session = next(s for s in course.sessions if s.id == session_id)
            people = {k: v for k, v in scenarios(root, session).items() if k in EQUIVALENCE_STUDENTS}
            nb("generate_assignment", session_id, "--force")
            released = course_dir / "release" / session_id / f"{session_id}.ipynb"
            first = {k: v for k, v in people.items() if k in serial}
            submit(course_dir, session_id, first)
            start = time.perf_counter()
            if first:
                nb("autograde", session_id, "--force")
            seconds = time.perf_counter() - start
            submit(course_dir, session_id, {k: v for k, v in people.items() if k not in serial})
            graded = nbgrader_points(course_dir, session_id, list(first))
            checked = {k: v for k, v in people.items() if k in graded_by_pytest}
            expected = _expected_points(root, course, session, workdir / session_id, checked,
                                        released, check_timeout_s)
            _print_table(out, session, graded, expected, dict.fromkeys(first, seconds / max(len(first), 1)))
            results[session_id] = {"graded": graded, "batch": None, "expected": expected,
                                   "released": released, "seconds": seconds}
            everyone[session_id] = list(people)
        if batch:
            batch_autograde(root, course_dir, list(session_ids), env, log, nb.timings, "--force")
            for session_id, students in everyone.items():
                results[session_id]["batch"] = nbgrader_points(course_dir, session_id, students)
    return results
