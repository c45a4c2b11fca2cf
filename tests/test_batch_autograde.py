"""``coursekit autograde``: the gradebook one serial ``nbgrader autograde`` writes, for a whole
class at once through a real Dask scheduler and two workers on loopback; feedback and export
from it; a second run grades only what is new. (Hostile submissions: test_batch_hostile.py.)"""
import contextlib
import csv
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coursekit.reports.class_results import collect
from coursekit.roundtrip import Runner, batch_autograde, course_folder, nbgrader_points
from coursekit.simclass import ROUNDTRIP_SESSION, fill_notebook, scenarios, submit
from kit import COURSE, ROOT

SESSION = next(s for s in COURSE.sessions if s.id == ROUNDTRIP_SESSION)
CHECK_TIMEOUT_S = 5  # per check: the endless loop costs 4 of them
pytestmark = pytest.mark.timeout(900)


def _full(exercise_id):
    return sum(c.points for c in COURSE.find(SESSION.id, exercise_id)[1].checks)


def _prepare(workdir: Path, students: dict, cell_timeout_s: float | None = None):
    course_dir, env = course_folder(ROOT, workdir, CHECK_TIMEOUT_S)
    if cell_timeout_s:
        with open(course_dir / "nbgrader_config.py", "a") as fh:
            fh.write(f"c.Execute.timeout = {cell_timeout_s}\n")
    log = open(workdir / "commands.log", "w")
    Runner(course_dir, env, log)("generate_assignment", SESSION.id, "--force")
    submit(course_dir, SESSION.id, students)
    return course_dir, env, log


def _coursekit(course_dir, env, log, *extra) -> bool:
    return batch_autograde(ROOT, course_dir, SESSION.id, env, log, [], *extra)


@pytest.fixture(scope="module")
def graded_both_ways(tmp_path_factory):
    """The round trip's seven students graded by one serial nbgrader autograde and, in a copy
    of the same course, by coursekit autograde through a real Dask scheduler and two workers
    on loopback (the local warm pool grades every other run: the round trip, the second run
    below, the hostile classes, each session's equivalence)."""
    workdir = tmp_path_factory.mktemp("both")
    students = scenarios(ROOT, SESSION)
    course_dir, env, log = _prepare(workdir / "serial", students)
    batch_dir = workdir / "batch"
    shutil.copytree(course_dir, batch_dir)
    Runner(course_dir, env, log)("autograde", SESSION.id)
    log.close()
    with dask_cluster(workdir / "dask", env) as (address, processes):
        with open(workdir / "grading.log", "w") as out:
            ok = _coursekit(batch_dir, env, out, f"--scheduler={address}")
    return {"serial": nbgrader_points(course_dir, SESSION.id, list(students)),
            "batch": nbgrader_points(batch_dir, SESSION.id, list(students)),
            "ok": ok, "address": address, "processes": processes, "batch_dir": batch_dir, "env": env,
            "workdir": workdir, "students": students}


def test_the_gradebook_holds_what_serial_nbgrader_autograde_gives(graded_both_ways):
    workdir = graded_both_ways["workdir"]
    grading = (workdir / "grading.log").read_text()
    assert graded_both_ways["ok"], grading[-3000:]
    assert graded_both_ways["address"].startswith("tcp://127.0.0.1:")
    assert "graded 7 submission(s) on 2 warm worker(s)" in grading
    assert os.path.getsize(workdir / "dask" / "dask.log") > 0
    assert all(p.poll() is not None for p in graded_both_ways["processes"]), "the cluster is stopped"
    assert set(graded_both_ways["batch"]) == set(graded_both_ways["students"])
    for student, points in graded_both_ways["serial"].items():
        assert graded_both_ways["batch"][student] == points, student


def test_feedback_and_export_use_the_batch_results_unchanged(graded_both_ways, tmp_path):
    course_dir, env = graded_both_ways["batch_dir"], graded_both_ways["env"]
    with open(tmp_path / "log", "w") as log:
        nb = Runner(course_dir, env, log)
        nb("generate_feedback", SESSION.id, "--force")
        nb("export", "--to", str(tmp_path / "grades.csv"))
    for student in graded_both_ways["students"]:
        assert (course_dir / "feedback" / student / SESSION.id / f"{SESSION.id}.html").is_file()
        assert student in (tmp_path / "grades.csv").read_text()
    report = collect(course_dir, SESSION.id)
    assert report.students["endless_loop"].seconds > 3 * CHECK_TIMEOUT_S, "cell times are recorded"
    assert any("timed out" in p for _, p in report.students["endless_loop"].problems)


def test_a_second_run_grades_only_what_is_new(graded_both_ways, tmp_path):
    course_dir, env = tmp_path / "course", graded_both_ways["env"]
    shutil.copytree(graded_both_ways["batch_dir"], course_dir)
    before = nbgrader_points(course_dir, SESSION.id, list(graded_both_ways["students"]))
    with open(tmp_path / "log", "w") as log:
        assert _coursekit(course_dir, env, log)
    assert "graded 0 submission(s), 7 already graded" in (tmp_path / "log").read_text()
    # "untouched" hands in the reference: a newer timestamp, so it is graded again
    folder = course_dir / "submitted" / "untouched" / SESSION.id
    reference = scenarios(ROOT, SESSION)["reference"]["answers"]
    fill_notebook(folder / f"{SESSION.id}.ipynb", reference)
    (folder / "timestamp.txt").write_text("2099-01-01 00:00:00.000000 UTC")
    with open(tmp_path / "log", "a") as log:
        assert _coursekit(course_dir, env, log, "--similarity")
    said = (tmp_path / "log").read_text()
    assert "graded 1 submission(s), 6 already graded" in said
    # asked for, the similarity page: "untouched" now hands in the reference's very code
    assert "similarity: " in said and "flagged pair(s) in session03" in said
    report = course_dir / "reports" / f"{SESSION.id}-similarity"
    rows = list(csv.DictReader((report / "similarity.csv").open()))
    flagged = {(r["student_a"], r["student_b"]) for r in rows if r["flagged"] == "1"}
    assert ("reference", "untouched") in flagged
    assert (report / "similarity.html").is_file()
    after = nbgrader_points(course_dir, SESSION.id, list(graded_both_ways["students"]))
    assert after["untouched"] == before["reference"]
    assert {s: p for s, p in after.items() if s != "untouched"} == \
        {s: p for s, p in before.items() if s != "untouched"}


def _start(command, env, log):
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)


def _scheduler_address(path: Path, deadline_s: float = 60) -> str:
    import json

    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if path.is_file():
            try:
                return json.loads(path.read_text())["address"]
            except (ValueError, KeyError):
                pass
        time.sleep(0.2)
    pytest.fail(f"the Dask scheduler wrote no address to {path}")


@contextlib.contextmanager
def dask_cluster(folder: Path, env: dict):
    """A Dask scheduler and two one-thread workers on 127.0.0.1, started as an instructor
    starts them and stopped after: (the scheduler's address, the processes)."""
    folder.mkdir()
    env = {**env, "HOME": str(folder)}
    dask = str(Path(sys.executable).parent / "dask")
    info = folder / "scheduler.json"
    log = open(folder / "dask.log", "w")
    processes = [_start([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                         "--scheduler-file", str(info)], env, log)]
    try:
        address = _scheduler_address(info)
        processes += [_start([dask, "worker", address, "--nthreads", "1", "--nworkers", "1",
                              "--host", "127.0.0.1", "--no-dashboard", "--name", f"grader-{i}"], env, log)
                      for i in (1, 2)]
        yield address, processes
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
