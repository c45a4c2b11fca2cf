"""The pytest plugin end to end, as students and instructors run it (real subprocesses)."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from kit import COURSE, EXERCISES, ROOT

SESSION = "session03"
pytestmark = pytest.mark.timeout(300)


def run_pytest(*args, cwd=ROOT):
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen([sys.executable, "-m", "pytest", "-q", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(proc):
    out, _ = proc.communicate(timeout=600)
    return proc.returncode, out


def scores(report):
    return {(s["id"], e["id"]): e for s in report["sessions"] for e in s["exercises"]}


def all_points(exercise, hidden=True):
    return sum(c.points for c in exercise.checks if hidden or not c.hidden)


def test_reference_scores_full_points_and_reports_are_identical(tmp_path):
    """One session, twice: the same submission gives identical reports, every point earned.
    (That every exercise's reference earns every point is proven in tests/test_graders.py;
    that the plugin collects and reports every exercise, by the stubs' run below.)"""
    runs = [run_pytest("--solution", "reference", "-n", "0", "-m", SESSION,
                       "--grade-report", str(tmp_path / f"run{i}.json"))
            for i in (1, 2)]
    results = [finish(p) for p in runs]
    for code, out in results:
        assert code == 0, out[-3000:]
        assert "course score (reference)" in out and "TOTAL" in out
    first, again = (json.loads((tmp_path / f"run{i}.json").read_text()) for i in (1, 2))
    assert again["sessions"] == first["sessions"], "the same submission twice: identical reports"
    session = next(s for s in COURSE.sessions if s.id == SESSION)
    assert first["earned"] == first["possible"] == sum(all_points(e) for e in session.exercises)
    assert set(scores(first)) == {(SESSION, e.id) for e in session.exercises}


def test_stubs_score_zero_and_say_not_implemented(tmp_path):
    code, out = finish(run_pytest("-n", "0", "--grade-report", str(tmp_path / "r.json")))
    assert code == 1, out[-3000:]
    assert "INTERNAL" not in out and "Traceback" not in out
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["earned"] == 0 and report["possible"] > 0
    for exercise in scores(report).values():
        for check in exercise["checks"]:
            if check["status"] == "failed":
                assert check["reason"] == "not implemented yet", check
            else:
                assert check["check"] == "cuda_parity" and check["status"] == "skipped"
    table = out[out.index("course score"):].splitlines()
    assert sum("NOT STARTED" in line for line in table) == len(EXERCISES), "one line per exercise"
    assert not any("FAIL " in line for line in table)


def _student_folder(tmp_path):
    """A class's worth of situations in one folder laid out like exercises/."""
    folder = tmp_path / "student"
    shutil.copytree(ROOT / "exercises", folder)
    work = folder / SESSION
    shutil.copy(ROOT / "reference" / SESSION / "ex01_simple_mlp.py", work)  # done right
    (work / "ex02_promoter_classifier.py").unlink()  # not submitted
    (work / "ex05_dropout.py").write_text("def broken(:\n    pass\n")  # syntax error
    # a hard exit in the model's constructor: every check of ex04 crashes its worker
    text = (work / "ex04_batch_norm.py").read_text()
    (work / "ex04_batch_norm.py").write_text(
        text + "\n\n_Stub = MLPWithBatchNorm\n\n\nclass MLPWithBatchNorm(_Stub):\n"
        "    def __init__(self, *args, **kwargs):\n        import os\n        os._exit(3)\n")
    # an endless loop in Swish: only the swish check runs into its time limit
    text = (work / "ex03_activations.py").read_text()
    (work / "ex03_activations.py").write_text(
        text + "\n\nclass Swish(nn.Module):\n    def forward(self, x):\n"
        "        while True:\n            pass\n")
    return folder


def test_one_exercise_done_others_broken_grades_each_alone(tmp_path):
    """One session's situations, graded as an instructor grades them (each check in its own
    sandboxed process): the other sessions would only add their stubs' checks."""
    folder = _student_folder(tmp_path)
    code, out = finish(run_pytest(f"--solution={folder}", "-n", "2", "-m", SESSION, "--check-timeout", "10",
                                  "--grade-report", str(tmp_path / "r.json")))
    assert code == 1, out[-3000:]
    report = json.loads((tmp_path / "r.json").read_text())
    by_exercise = scores(report)
    assert set(by_exercise) == {e for e in EXERCISES if e[0] == SESSION}, \
        "every exercise is scored despite the crashes"
    ex01 = by_exercise[(SESSION, "ex01_simple_mlp")]
    assert ex01["earned"] == ex01["possible"] == all_points(COURSE.find(SESSION, "ex01_simple_mlp")[1])
    expected_reason = {"ex02_promoter_classifier": "not submitted",
                       "ex03_activations": "timed out",
                       "ex04_batch_norm": "crashed", "ex05_dropout": "does not import",
                       "ex06_weight_init": "not implemented yet",
                       "ex07_multitask": "not implemented yet"}
    for exercise_id, reason in expected_reason.items():
        exercise = by_exercise[(SESSION, exercise_id)]
        assert exercise["earned"] == 0, exercise_id
        reasons = {c["reason"] for c in exercise["checks"] if c["status"] == "failed"}
        assert reason in reasons, (exercise_id, reasons)
    # under workers, the table holds the messages themselves: no worker banners
    table = out[out.index("course score"):]
    assert "[gw" not in table and "-- Python" not in table and "[does not import]" not in table
    assert "FAILURES" not in out, "the score table is the report"
    lines = table.splitlines()
    for exercise_id, reason in (("ex02_promoter_classifier", "not submitted"),
                                ("ex05_dropout", "does not import")):
        at = next(i for i, line in enumerate(lines) if line.strip().startswith(exercise_id))
        assert "NOT STARTED (" in lines[at + 1] and f"{reason})" in lines[at + 1], lines[at:at + 3]
        assert lines[at + 2].split()[0] == "expected:", "what is missing or broken is said once"


def test_a_wrong_exercise_alone_runs_in_process_and_shows_each_message_in_full(tmp_path):
    folder = tmp_path / "student" / SESSION
    folder.mkdir(parents=True)
    reference = (ROOT / "reference" / SESSION / "ex01_simple_mlp.py").read_text()
    assert "model(X).squeeze()" in reference  # a student's module stands alone: no kit imports
    (folder / "ex01_simple_mlp.py").write_text(reference.replace("model(X).squeeze()", "model(X)"))
    code, out = finish(run_pytest(f"graders/{SESSION}/test_ex01_simple_mlp.py",
                                  f"--solution={folder.parent}"))
    assert code == 1, out[-3000:]
    assert "workers" not in out, "one grader file needs no worker processes"
    assert "FAILURES" not in out, "the score table is the report"
    table = out[out.index("course score"):]
    for check in ("train_history", "learns"):
        block = table[table.index(f"FAIL {check}"):]
        lines = [line.strip() for line in block.splitlines()[1:4]]
        assert [line.split(":")[0] for line in lines] == ["expected", "found", "hint"], lines


def test_markers_are_registered_per_session_and_exercise():
    code, out = finish(run_pytest("--markers", "-n", "0"))
    assert code == 0
    assert f"@pytest.mark.{SESSION}:" in out
    for session_id, exercise_id in EXERCISES:
        assert f"@pytest.mark.{session_id}_{exercise_id}:" in out


COLLECT_THREE_WAYS = """
import sys, pytest
for expression in sys.argv[1:]:
    print("=== -m", expression, flush=True)
    pytest.main(["-q", "-n", "0", "-p", "no:cacheprovider", "--collect-only", "-m", expression])
    print("imported:", "sklearn" in sys.modules, flush=True)
"""


def test_a_marker_run_imports_only_the_graders_it_selects():
    """``-m`` naming sessions and exercises leaves the other grader files unimported (those of
    sessions 8 and 9 import scikit-learn, about 1.5 s) and selects the same tests; with any
    other name in it, every file is collected and pytest deselects, as usual."""
    expressions = [SESSION, f"{SESSION} and not slow", f"{SESSION}_ex01_simple_mlp or session08"]
    proc = subprocess.run([sys.executable, "-c", COLLECT_THREE_WAYS, *expressions], cwd=ROOT,
                          capture_output=True, text=True)
    runs = proc.stdout.split("=== -m ")[1:]
    assert len(runs) == 3, proc.stdout[-3000:] + proc.stderr[-3000:]

    def collected(run):
        files = {line.split("::")[0] for line in run.splitlines() if "::" in line}
        return {(Path(f).parent.name, Path(f).stem[len("test_"):]) for f in files}

    by_name, other_name, two = runs
    assert "imported: False" in by_name and "deselected" not in by_name, by_name[-2000:]
    assert "deselected" in other_name, other_name[-2000:]
    session = {e for e in EXERCISES if e[0] == SESSION}
    assert collected(by_name) == collected(other_name) == session
    assert collected(two) == {(SESSION, "ex01_simple_mlp")} | {e for e in EXERCISES if e[0] == "session08"}


@pytest.mark.parametrize("exercise_id", ["ex01_simple_mlp"])
def test_one_exercise_selected_by_file(exercise_id, tmp_path):
    code, out = finish(run_pytest(f"graders/{SESSION}/test_{exercise_id}.py", "-n", "0",
                                  "--solution", "reference", "--grade-report",
                                  str(tmp_path / "r.json")))
    assert code == 0, out[-2000:]
    report = json.loads((tmp_path / "r.json").read_text())
    assert list(scores(report)) == [(SESSION, exercise_id)]
    assert "hidden checks worth" in out  # the hidden grader file was not selected


def test_one_exercise_selected_by_its_marker_runs_in_process(tmp_path):
    """``-m session03_ex01_simple_mlp``: its public and hidden checks, in this process (two
    workers would cost more to start than the exercise takes to grade)."""
    code, out = finish(run_pytest("-m", f"{SESSION}_ex01_simple_mlp", "--solution", "reference",
                                  "--grade-report", str(tmp_path / "r.json")))
    assert code == 0, out[-2000:]
    assert "workers" not in out, out[-2000:]
    report = json.loads((tmp_path / "r.json").read_text())
    assert list(scores(report)) == [(SESSION, "ex01_simple_mlp")]
    exercise = scores(report)[(SESSION, "ex01_simple_mlp")]
    full = all_points(COURSE.find(SESSION, "ex01_simple_mlp")[1])
    assert exercise["earned"] == exercise["possible"] == full


def test_only_the_data_modules_the_selected_graders_use_are_warmed():
    from types import ModuleType, SimpleNamespace

    from coursekit.data import session04, session07
    from coursekit.plugin import _data_modules_used

    by_name, whole, neither = ModuleType("by_name"), ModuleType("whole"), ModuleType("neither")
    by_name.random_dna = session07.random_dna
    whole.session04 = session04
    neither.json = json
    items = [SimpleNamespace(module=m) for m in (by_name, whole, neither, by_name)]
    assert _data_modules_used(items) == ["coursekit.data.session04", "coursekit.data.session07"]


def test_an_exercise_with_a_limit_of_its_own_keeps_it_under_an_override():
    from coursekit.config import Exercise

    own, plain = Exercise("a", "A", (), timeout_s=60), Exercise("b", "B", ())
    assert COURSE.check_limit_s(own, 3) == 60 and COURSE.check_limit_s(own) == 60
    assert COURSE.check_limit_s(plain, 3) == 3 and COURSE.check_limit_s(plain) == COURSE.check_timeout_s
    assert COURSE.check_limit_s(None) == COURSE.check_timeout_s


def test_the_warm_up_is_not_charged_to_the_first_check(tmp_path):
    """Someone's work graded with a 1 s limit per check, on checks that take a fraction of
    that: the grading process's warm-up (torch's lazy imports, about 2 s) happens before
    the first check's clock starts, so no check times out (and no alarm lands inside an
    import, which would leave torch half imported for every check after it)."""
    folder = tmp_path / "student" / SESSION
    shutil.copytree(ROOT / "reference" / SESSION, folder)
    code, out = finish(run_pytest(f"--solution={folder.parent}", "-m", SESSION, "-n", "0",
                                  "-k", "architecture", "--check-timeout=1",
                                  "--grade-report", str(tmp_path / "r.json")))
    assert code == 0, out[-3000:]
    checks = [c for e in scores(json.loads((tmp_path / "r.json").read_text())).values()
              for c in e["checks"]]
    assert checks and all(c["status"] == "passed" for c in checks), checks


TIMED = '''
import time
import pytest


@pytest.mark.timeout(3)
def test_ends_before_its_limit_then_reports_slowly():
    time.sleep(1.5)


@pytest.mark.timeout(1)
def test_hangs():
    time.sleep(30)


@pytest.fixture
def slow_fixture():
    time.sleep(1)
    yield
    time.sleep(2)


@pytest.mark.timeout(2)
def test_spends_its_limit_in_a_fixture(slow_fixture):
    pass
'''

SLOW_REPORTS = '''
import time


def pytest_runtest_logreport(report):
    if report.when == "call":
        time.sleep(2)  # past the first test's 3 s, counted from its start
'''


def test_a_time_limit_never_goes_off_while_a_worker_reports(tmp_path):
    """A test's time limit covers its setup, call and teardown together, but never the
    reporting between them: under pytest-xdist an alarm there would end the worker with an
    internal error (and the whole grading run with it)."""
    (tmp_path / "test_timed.py").write_text(TIMED)
    (tmp_path / "conftest.py").write_text(SLOW_REPORTS)
    (tmp_path / "pytest.ini").write_text("[pytest]\ntimeout_method = signal\n")
    code, out = finish(run_pytest("-n", "2", "-p", "no:cacheprovider", "-rA", cwd=tmp_path))
    assert "INTERNALERROR" not in out, out[:3000]
    assert "PASSED test_timed.py::test_ends_before_its_limit_then_reports_slowly" in out, out[-3000:]
    assert "FAILED test_timed.py::test_hangs - Failed: Timeout (>1.0s)" in out, out[-3000:]
    assert "ERROR test_timed.py::test_spends_its_limit_in_a_fixture - Failed: Timeout" in out, out[-3000:]
