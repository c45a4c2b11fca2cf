"""``coursekit autograde``: grade every collected submission of an assignment at once.

nbgrader's own code does all the bookkeeping; only the execution of the notebooks moves:

1. each submission to grade (new since its last grading, or all with ``force``) is
   sanitized by nbgrader's ``Autograde`` converter (outputs cleared, edited test cells
   restored from the gradebook), exactly as ``nbgrader autograde`` does first;
2. the sanitized notebooks run in parallel on warm workers (:mod:`coursekit.batch.worker`),
   on this machine or, given a scheduler address, on a Dask cluster's workers;
3. nbgrader's ``Autograde`` converter then runs once more, in this process, with its
   ``Execute`` step replaced by :class:`ExecutedByWorkers`, which hands it the outputs the
   workers produced: it copies files, writes ``autograded/``, scores every test cell and
   writes the gradebook, as it always does. Only this process writes the gradebook.
"""
from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import nbformat
from nbgrader.preprocessors import Execute, NbGraderPreprocessor

from coursekit.batch.imports import assignment_imports

DEFAULT_MEMORY_LIMIT_GIB = 4.0

_EXECUTED: dict[tuple[str, str], dict] = {}  # (student, notebook) -> the job and its result


class NotExecuted(RuntimeError):
    """The workers have no result for a notebook nbgrader is about to score."""


class ExecutedByWorkers(NbGraderPreprocessor):
    """nbgrader's ``Execute`` step, done already by the warm workers: fill in their outputs."""

    def preprocess(self, nb, resources):
        key = (resources["nbgrader"]["student"], resources["nbgrader"]["notebook"])
        entry = _EXECUTED.get(key)
        if entry is None or "cells" not in entry["result"]:
            raise NotExecuted(f"no execution result for {key}")
        sources = [c.source if c.cell_type == "code" else "" for c in nb.cells]
        if sources != [c["source"] for c in entry["job"]["cells"]]:
            raise NotExecuted(f"{key}: the notebook changed since it was executed")
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            ran = entry["result"]["cells"].get(str(index))
            cell.outputs = [nbformat.from_dict(o) for o in ran["outputs"]] if ran else []
            cell.execution_count = ran["execution_count"] if ran else None
            if ran and ran.get("began") is not None:
                cell.metadata["execution"] = _execution_metadata(ran["began"], ran["ended"])
        return nb, resources


def _iso(stamp: float) -> str:
    return datetime.fromtimestamp(stamp, timezone.utc).isoformat().replace("+00:00", "Z")


def _execution_metadata(began: float, ended: float) -> dict:
    """The timing fields nbclient records on each executed cell."""
    return {"iopub.status.busy": _iso(began), "iopub.execute_input": _iso(began),
            "shell.execute_reply": _iso(ended), "iopub.status.idle": _iso(ended)}


@dataclass
class BatchResult:
    graded: list[str] = field(default_factory=list)  # students graded in this run
    skipped: list[str] = field(default_factory=list)  # already graded, nothing new
    failed: dict[str, str] = field(default_factory=dict)  # student -> why nbgrader has no grade
    problems: dict[str, list[str]] = field(default_factory=dict)  # student -> crashed/hung cells
    seconds: dict[str, float] = field(default_factory=dict)  # student -> execution time
    wall_s: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # sanitize / execute / record
    cell_seconds: dict[str, float] = field(default_factory=dict)  # grade id -> summed over the class
    workers: set[str] = field(default_factory=set)  # host:pid of each warm worker that graded


def _load_config(course_dir: Path):
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(course_dir)).load_config()


def _coursedir(course_dir: Path, config, assignment: str):
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=config)
    coursedir.root = str(course_dir)
    coursedir.assignment_id = assignment
    return coursedir


def _sanitizer(coursedir, config, force: bool):
    """nbgrader's Autograde converter, set up for its first step (sanitizing)."""
    from nbgrader.converters import Autograde

    converter = Autograde(coursedir=coursedir, config=config)
    converter.force = force
    converter.exporter = converter.exporter_class(parent=converter, config=converter.config)
    converter._sanitizing = True
    converter._init_preprocessors()
    return converter


def _job(nb, assignment: str, cell_timeout_s: float, memory_limit_gib: float, hide) -> dict:
    from nbgrader.utils import is_grade, is_solution

    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            cells.append({"source": ""})
            continue
        test = is_grade(cell) and not is_solution(cell)
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        cells.append({"source": cell.source, "test": test, "grade_id": grade_id,
                      "check": grade_id.split("__", 1)[-1] if test else grade_id})
    env = {"NBGRADER_EXECUTION": "autograde"}
    if os.environ.get("COURSEKIT_CHECK_TIMEOUT"):
        env["COURSEKIT_CHECK_TIMEOUT"] = os.environ["COURSEKIT_CHECK_TIMEOUT"]
    job = {"assignment": assignment, "cells": cells, "cell_timeout_s": float(cell_timeout_s),
           "memory_limit_gib": memory_limit_gib, "env": env}
    if hide is not None:
        job["sandbox"] = {"hide": hide}
    return job


def instructor_folders(course_dir: Path, config) -> list[str]:
    """What student code must never read besides the kit's own solutions: the course
    folder (gradebook, source notebooks, everyone's submissions) and the exchange."""
    folders = [str(course_dir)]
    if "Exchange" in config and "root" in config.Exchange:
        folders.append(str(config.Exchange.root))
    return folders


def sandbox_report(course_dir: Path, root: Path | None, enabled: bool = True):
    """(active, missing): the protections student code gets on this machine, in words."""
    from coursekit.sandbox.seal import SEALED

    if not enabled:
        return [SEALED], ["sandbox switched off (--no-sandbox): student code can read and change "
                          "what the grading user can"]
    from coursekit.config import course_root
    from coursekit.sandbox import hidden_paths, probe

    course_dir = Path(course_dir).resolve()
    hide = hidden_paths(root or course_root(), instructor_folders(course_dir, _load_config(course_dir)))
    done = probe(hide)
    return [*done.active, SEALED], done.missing


def shared_pool(root: Path | None, assignments, workers: int | None = None):
    """Warm workers on this machine for grading several assignments one after the other
    (they import what every one of them uses); the caller closes it."""
    from coursekit.batch.pool import LocalPool

    imports = sorted({name for a in assignments for name in assignment_imports(root, a)})
    return LocalPool(workers or os.cpu_count() or 1, imports)


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="grading", unit="notebook", disable=not enabled, file=sys.stderr,
                dynamic_ncols=True)


def _execute(jobs: dict, pool, scheduler: str | None, imports: list[str], progress: bool) -> dict:
    """{key: result} for every job, on the local ``pool`` or on a Dask cluster."""
    results = {}
    if not jobs:
        return results
    bar = _progress(len(jobs), progress)
    if scheduler:
        from distributed import Client, as_completed

        from coursekit.batch.pool import run_on_this_machine

        with Client(scheduler, timeout="30s") as client:
            futures = {client.submit(run_on_this_machine, job, imports, pure=False,
                                     key=f"grade-{key[0]}-{key[1]}-{time.time_ns()}"): key
                       for key, job in jobs.items()}
            for future in as_completed(futures):
                try:
                    results[futures[future]] = future.result()
                except Exception as exc:  # noqa: BLE001 - one notebook, not the batch
                    results[futures[future]] = {"error": f"{type(exc).__name__}: {exc}"}
                bar.update()
    else:
        from concurrent.futures import as_completed

        futures = {pool.submit(job): key for key, job in jobs.items()}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            bar.update()
    bar.close()
    return results


def _record(coursedir, config, assignment: str, students: list[str], everyone: list[str]) -> dict:
    """nbgrader's Autograde converter, with the workers' outputs for its Execute step.

    Returns {student: why it failed} for the students nbgrader could not grade."""
    from nbgrader.converters import Autograde
    from nbgrader.converters.base import NbGraderException

    steps = list(Autograde(config=config).autograde_preprocessors)
    steps = [ExecutedByWorkers if _is_execute(s) else s for s in steps]
    config = config.copy()
    config.Autograde.autograde_preprocessors = steps
    coursedir.student_id = "*"
    coursedir.student_id_exclude = ",".join(s for s in everyone if s not in students)
    converter = Autograde(coursedir=coursedir, config=config)
    converter.force = True
    try:
        converter.start()
    except NbGraderException:
        pass
    finally:
        coursedir.student_id_exclude = ""
    failed = {}
    for student in students:
        dest = Path(coursedir.format_path(coursedir.autograded_directory, student, assignment))
        if not dest.is_dir():
            failed[student] = "nbgrader could not record this submission: see autograde.log"
    return failed


def _is_execute(step) -> bool:
    if isinstance(step, str):
        return step.rsplit(".", 1)[-1] == "Execute"
    return isinstance(step, type) and issubclass(step, Execute)


def _capture(logger, stream):
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("[%(levelname)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


def autograde(course_dir: Path, assignment: str, *, force: bool = False, workers: int | None = None,
              scheduler: str | None = None, memory_limit_gib: float = DEFAULT_MEMORY_LIMIT_GIB,
              root: Path | None = None, progress: bool = True, sandbox: bool = True,
              pool=None) -> BatchResult:
    """Grade the collected submissions of ``assignment`` in the nbgrader course ``course_dir``.

    ``pool``: warm workers already started (:func:`shared_pool`), used and left open, so that
    several assignments graded one after the other start and warm their workers once."""
    from nbgrader.api import Gradebook

    began = time.perf_counter()
    course_dir = Path(course_dir).resolve()
    config = _load_config(course_dir)
    coursedir = _coursedir(course_dir, config, assignment)
    with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
        notebooks = [n.name for n in gb.find_assignment(assignment).notebooks]
    submitted = Path(coursedir.format_path(coursedir.submitted_directory, "*", assignment)).parent.parent
    everyone = sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir()) \
        if submitted.is_dir() else []
    result = BatchResult()
    hide = instructor_folders(course_dir, config) if sandbox else None
    old = os.getcwd()
    os.chdir(course_dir)
    log = open(course_dir / "autograde.log", "a")
    sanitizer = _sanitizer(coursedir, config, force)
    handler = _capture(sanitizer.log, log)  # nbgrader's converters share one logger
    own_pool = None
    try:
        for student in everyone:  # nbgrader's rule: new, submitted again, or --force
            wanted = sanitizer.init_destination(assignment, student)
            (result.graded if wanted else result.skipped).append(student)
        imports = assignment_imports(root, assignment)
        if result.graded and not scheduler and pool is None:  # warming up during sanitizing
            from coursekit.batch.pool import LocalPool

            pool = own_pool = LocalPool(min(workers or os.cpu_count() or 1, len(result.graded)), imports)
        cell_timeout = (config.Execute.timeout if "timeout" in config.Execute
                        else Execute.timeout.default_value)
        jobs = {}
        for student in result.graded:
            for name in notebooks:
                folder = coursedir.format_path(coursedir.submitted_directory, student, assignment)
                path = Path(folder) / f"{name}.ipynb"
                if path.is_file():
                    resources = sanitizer.init_single_notebook_resources(str(path))
                    body, _ = sanitizer.exporter.from_filename(str(path), resources=resources)
                    jobs[(student, name)] = _job(nbformat.reads(body, as_version=4), assignment,
                                                 cell_timeout, memory_limit_gib, hide)
        result.phases["sanitize"] = time.perf_counter() - began
        mark = time.perf_counter()
        outcomes = _execute(jobs, pool, scheduler, imports, progress)
        if own_pool is not None:
            own_pool.close()
            own_pool = None
        result.phases["execute"] = time.perf_counter() - mark
        mark = time.perf_counter()
        _EXECUTED.clear()
        for key, outcome in outcomes.items():
            _EXECUTED[key] = {"job": jobs[key], "result": outcome}
            student = key[0]
            if "error" in outcome:
                result.failed[student] = f"{key[1]}: {outcome['error']}"
                continue
            result.seconds[student] = result.seconds.get(student, 0.0) + outcome["seconds"]
            result.workers.add(outcome.get("worker", "?"))
            for index, ran in outcome["cells"].items():
                if ran.get("began") is not None and ran.get("ended") is not None:
                    cell = jobs[key]["cells"][int(index)]
                    name = cell["grade_id"] if cell.get("test") else "answer and setup cells"
                    spent = ran["ended"] - ran["began"]
                    result.cell_seconds[name] = result.cell_seconds.get(name, 0.0) + spent
            for problem in outcome["problems"]:
                result.problems.setdefault(student, []).append(problem["reason"].replace("\n", ": ", 1))
        to_record = [s for s in result.graded if s not in result.failed]
        if to_record:
            result.failed.update(_record(coursedir, config, assignment, to_record, everyone))
        result.phases["record"] = time.perf_counter() - mark
    finally:
        if own_pool is not None:
            own_pool.close()
        _EXECUTED.clear()
        sanitizer.log.removeHandler(handler)
        log.close()
        os.chdir(old)
    result.wall_s = time.perf_counter() - began
    return result


def write_profile(result: BatchResult, path: Path, workers: int) -> Path:
    """Where the time went: the phases, the notebooks, and the cells that cost most."""
    busy = sum(result.seconds.values())
    in_cells = sum(result.cell_seconds.values())
    lines = [f"wall time {result.wall_s:.1f} s with {workers} worker(s); "
             + ", ".join(f"{k} {v:.1f} s" for k, v in result.phases.items()),
             f"notebook execution {busy:.1f} s in all: cells {in_cells:.1f} s, process start, "
             f"replays and messages {busy - in_cells:.1f} s",
             "slowest notebooks: " + ", ".join(f"{s} {t:.1f} s" for s, t in
                                               sorted(result.seconds.items(), key=lambda x: -x[1])[:5]),
             "cells that cost most, summed over the class:"]
    for name, seconds in sorted(result.cell_seconds.items(), key=lambda x: -x[1])[:12]:
        lines.append(f"  {seconds:7.2f} s  {name}")
    Path(path).write_text("\n".join(lines) + "\n")
    return Path(path)


def print_summary(course_dir: Path, assignment: str, result: BatchResult, out=sys.stdout) -> None:
    """Each student's points per exercise (from the gradebook), what went wrong, the wall time."""
    from coursekit.reports.class_results import collect

    results = collect(Path(course_dir), assignment, result.seconds, "execution on the warm workers")
    ids = results.exercises
    short = [e.split("_")[0] for e in ids]
    width = max([len(s) for s in results.students] + [7]) + 2
    print(f"\n{assignment}: points per exercise (from the gradebook)", file=out)
    print(f"{'student':<{width}}" + "".join(f"{s:>6}" for s in short) + f"{'total':>10}{'run':>9}", file=out)
    for sid, student in results.students.items():
        row = [student.exercise_points(e) for e in ids]
        seconds = f"{result.seconds[sid]:>7.1f} s" if sid in result.seconds else f"{'-':>9}"
        print(f"{sid:<{width}}" + "".join(f"{x:>6g}" for x in row)
              + f"{sum(row):>6g}/{results.max_total:<3g}" + seconds, file=out)
    for sid, problems in sorted(result.problems.items()):
        for problem in problems:
            print(f"  {sid}: {problem.splitlines()[0]}", file=out)
    for sid, why in sorted(result.failed.items()):
        print(f"  {sid}: NOT GRADED: {why}", file=out)
    print(f"\ngraded {len(result.graded)} submission(s)"
          + (f", {len(result.skipped)} already graded (use --force to grade them again)"
             if result.skipped else "")
          + (f" on {len(result.workers)} warm worker(s)" if result.workers else "")
          + f" in {result.wall_s:.1f} s wall time ("
          + ", ".join(f"{k} {v:.1f} s" for k, v in result.phases.items()) + ")", file=out)
