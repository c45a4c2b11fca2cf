"""``coursekit autograde``: the gradebook one serial ``nbgrader autograde`` writes, for a whole
class at once; hostile submissions cost only what they break; a second run grades only
what is new; the same scores through a real Dask scheduler and two workers on loopback."""
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coursekit.reports.class_results import collect
from coursekit.roundtrip import Runner, batch_autograde, course_folder, nbgrader_points, per_exercise
from coursekit.simclass import (FIRST, HOSTILE, ROUNDTRIP_SESSION, escape_attempts, escaping_class,
                                fill_notebook, hostile_class, scenarios, submit)
from kit import COURSE, ROOT, EscapeWatch

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
    of the same course, by coursekit autograde."""
    workdir = tmp_path_factory.mktemp("both")
    students = scenarios(ROOT, SESSION)
    course_dir, env, log = _prepare(workdir / "serial", students)
    batch_dir = workdir / "batch"
    shutil.copytree(course_dir, batch_dir)
    Runner(course_dir, env, log)("autograde", SESSION.id)
    ok = _coursekit(batch_dir, env, log)
    log.close()
    return {"serial": nbgrader_points(course_dir, SESSION.id, list(students)),
            "batch": nbgrader_points(batch_dir, SESSION.id, list(students)),
            "ok": ok, "batch_dir": batch_dir, "env": env, "workdir": workdir, "students": students}


def test_the_gradebook_holds_what_serial_nbgrader_autograde_gives(graded_both_ways):
    assert graded_both_ways["ok"]
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
        assert _coursekit(course_dir, env, log)
    assert "graded 1 submission(s), 6 already graded" in (tmp_path / "log").read_text()
    after = nbgrader_points(course_dir, SESSION.id, list(graded_both_ways["students"]))
    assert after["untouched"] == before["reference"]
    assert {s: p for s, p in after.items() if s != "untouched"} == \
        {s: p for s, p in before.items() if s != "untouched"}


def test_hostile_submissions_cost_only_what_they_break(tmp_path):
    students = hostile_class(ROOT, SESSION)
    course_dir, env, log = _prepare(tmp_path, students, cell_timeout_s=3)
    start = time.monotonic()
    ok = _coursekit(course_dir, env, log, "--memory-limit=1")
    log.close()
    assert ok, (tmp_path / "commands.log").read_text()[-3000:]
    assert time.monotonic() - start < 120
    graded = {s: per_exercise(p) for s, p in nbgrader_points(course_dir, SESSION.id, list(students)).items()}
    others = [e.id for e in SESSION.exercises if e.id != FIRST]
    assert graded["reference"] == {e.id: _full(e.id) for e in SESSION.exercises}
    for student, (where, _) in HOSTILE.items():
        assert all(graded[student][e] == _full(e) for e in others), student
        if where == "import":
            assert graded[student][FIRST] == 0, student
        else:  # the checks that never call forward keep their points
            assert 0 < graded[student][FIRST] < _full(FIRST), student
    text = (tmp_path / "commands.log").read_text()
    assert "exit_in_check: [crashed]" in text and "exit code 3" in text
    assert "segfault_in_check: [crashed]" in text and "SIGSEGV" in text
    assert "did not stop when interrupted" in text


def test_the_sandbox_holds_against_escape_attempts(tmp_path):
    watch = EscapeWatch()
    course_dir = tmp_path / "course"  # where course_folder puts it
    attempts = escape_attempts(ROOT, course_dir, watch.port, watch.tag)
    students = escaping_class(ROOT, SESSION, attempts)
    course_dir, env, log = _prepare(tmp_path, students)
    before = sorted(p.relative_to(course_dir) for p in (course_dir / "submitted").rglob("*"))
    try:
        ok = _coursekit(course_dir, env, log)
        log.close()
        assert ok, (tmp_path / "commands.log").read_text()[-3000:]
        points = nbgrader_points(course_dir, SESSION.id, list(students))
        graded = {s: per_exercise(p) for s, p in points.items()}
        full = {e.id: _full(e.id) for e in SESSION.exercises}
        assert graded["reference"] == full
        for name, (replaces, _) in attempts.items():  # no more than the honest part
            assert graded[name] == ({**full, FIRST: 0} if replaces else full), name
        assert not watch.heard_something(), "a submission reached a server on 127.0.0.1"
        assert not watch.planted.exists()
        assert sorted(p.relative_to(course_dir) for p in (course_dir / "submitted").rglob("*")) == before
        assert not watch.leftovers()
    finally:
        watch.close()


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


def test_dask_scheduler_and_two_workers_give_the_same_gradebook(graded_both_ways, tmp_path):
    course_dir = tmp_path / "course"
    shutil.copytree(graded_both_ways["batch_dir"], course_dir)
    env = {**graded_both_ways["env"], "HOME": str(tmp_path)}
    dask = str(Path(sys.executable).parent / "dask")
    info = tmp_path / "scheduler.json"
    log = open(tmp_path / "dask.log", "w")
    processes = [_start([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                         "--scheduler-file", str(info)], env, log)]
    try:
        address = _scheduler_address(info)
        assert address.startswith("tcp://127.0.0.1:")
        processes += [_start([dask, "worker", address, "--nthreads", "1", "--nworkers", "1",
                              "--host", "127.0.0.1", "--no-dashboard", "--name", f"grader-{i}"], env, log)
                      for i in (1, 2)]
        with open(tmp_path / "grading.log", "w") as out:
            ok = _coursekit(course_dir, env, out, "--force", f"--scheduler={address}")
        assert ok, (tmp_path / "grading.log").read_text()[-3000:]
        assert "graded 7 submission(s) on 2 warm worker(s)" in (tmp_path / "grading.log").read_text()
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
    assert all(p.poll() is not None for p in processes)
    graded = nbgrader_points(course_dir, SESSION.id, list(graded_both_ways["students"]))
    assert graded == graded_both_ways["serial"]
    assert os.path.getsize(tmp_path / "dask.log") > 0


def test_tampering_in_a_notebook_earns_nothing_and_spares_the_rest(tmp_path):
    """The stub of the first exercise plus code that replaces what the checks compare with,
    forges the reports, or makes each of its functions end a check with a pass or a skip of
    its own: the exercise scores 0 (and says why), every other exercise keeps its points."""
    from coursekit.answers import strip_docstring
    from coursekit.simclass import LIES, TAMPERING, lying_answer, reference_answer

    stub = strip_docstring((ROOT / "exercises" / SESSION.id / f"{FIRST}.py").read_text())
    ref = {e.id: reference_answer(ROOT, SESSION.id, e.id) for e in SESSION.exercises}
    students = {"reference": {"answers": ref}}
    for name, code in TAMPERING.items():
        students[name] = {"answers": {**ref, FIRST: stub + "\n\n" + code + "\n"}}
    for name in LIES:
        students[name] = {"answers": {**ref, FIRST: lying_answer(stub, name)}}
    course_dir, env, log = _prepare(tmp_path, students)
    ok = _coursekit(course_dir, env, log)
    log.close()
    assert ok, (tmp_path / "commands.log").read_text()[-3000:]
    points = nbgrader_points(course_dir, SESSION.id, list(students))
    graded = {s: per_exercise(p) for s, p in points.items()}
    full = {e.id: _full(e.id) for e in SESSION.exercises}
    assert graded["reference"] == full
    for name in [*TAMPERING, *LIES]:
        assert graded[name] == {**full, FIRST: 0}, name
        text = (course_dir / "autograded" / name / SESSION.id / f"{SESSION.id}.ipynb").read_text()
        if name in LIES:
            assert "which only the grader may raise" in text, name
        else:  # replaced builtins break the cell runner itself: that cell crashes, and says so
            assert "tampering detected" in text or (name == "patches_builtins" and "[crashed]" in text), name
