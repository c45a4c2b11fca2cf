"""The pytest plugin end to end, as students and instructors run it (real subprocesses)."""
import json
import os
import shutil
import subprocess
import sys

import pytest
from kit import COURSE, EXERCISES, ROOT, EscapeWatch

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
    """The whole course once; one session again (the check is the same for every
    session, and a second whole-course run would grow with the course)."""
    runs = [run_pytest("--solution", "reference", "-n", "0", *select,
                       "--grade-report", str(tmp_path / f"run{i}.json"))
            for i, select in ((1, ()), (2, ("-m", SESSION)))]
    results = [finish(p) for p in runs]
    for code, out in results:
        assert code == 0, out[-3000:]
        assert "course score (reference)" in out and "TOTAL" in out
    whole, again = (json.loads((tmp_path / f"run{i}.json").read_text()) for i in (1, 2))
    session = [s for s in whole["sessions"] if s["id"] == SESSION]
    assert again["sessions"] == session, "two runs of the same submission must give identical reports"
    assert whole["earned"] == whole["possible"] == sum(
        all_points(e) for _, e in COURSE.exercises())
    assert {k for k in scores(whole)} == set(EXERCISES)


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
    folder = _student_folder(tmp_path)
    code, out = finish(run_pytest(f"--solution={folder}", "-n", "2", "--check-timeout", "20",
                                  "--grade-report", str(tmp_path / "r.json")))
    assert code == 1, out[-3000:]
    report = json.loads((tmp_path / "r.json").read_text())
    by_exercise = scores(report)
    assert set(by_exercise) == set(EXERCISES), "every exercise is scored despite the crashes"
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


@pytest.mark.parametrize("exercise_id", ["ex01_simple_mlp"])
def test_one_exercise_selected_by_file(exercise_id, tmp_path):
    code, out = finish(run_pytest(f"graders/{SESSION}/test_{exercise_id}.py", "-n", "0",
                                  "--solution", "reference", "--grade-report",
                                  str(tmp_path / "r.json")))
    assert code == 0, out[-2000:]
    report = json.loads((tmp_path / "r.json").read_text())
    assert list(scores(report)) == [(SESSION, exercise_id)]
    assert "hidden checks worth" in out  # the hidden grader file was not selected


def test_grading_someone_elses_work_runs_each_check_in_a_sandbox(tmp_path):
    """Escape attempts, one per exercise (the rest of each module the reference): the ones
    with no answer of their own score 0, the others no more than their honest part, and
    nothing outside the sandbox changes."""
    from coursekit.simclass import escape_attempts

    watch = EscapeWatch()
    attempts = escape_attempts(ROOT, ROOT / "build", watch.port, watch.tag)
    plan = dict(zip([e.id for e in COURSE.find(SESSION, "ex01_simple_mlp")[0].exercises],
                    ["reads_the_reference", "plants_code_in_the_kit", "phones_home", "leaves_an_orphan",
                     "floods_processes", "imports_the_reference", "phones_home"]))
    folder = tmp_path / "student" / SESSION
    folder.mkdir(parents=True)
    for exercise_id, attempt in plan.items():
        replaces, code = attempts[attempt]
        honest = (ROOT / "reference" / SESSION / f"{exercise_id}.py").read_text()
        (folder / f"{exercise_id}.py").write_text(code if replaces else honest + "\n\n" + code + "\n")
    try:
        code, out = finish(run_pytest(f"--solution={folder.parent}", "-m", SESSION, "-n", "2", "-v",
                                      "--grade-report", str(tmp_path / "r.json")))
        assert code == 1, out[-3000:]
        header = next(line for line in out.splitlines() if line.startswith("sandbox for the graded code:"))
        assert "no network" in header and str(ROOT / "reference") in header
        by_exercise = scores(json.loads((tmp_path / "r.json").read_text()))
        for exercise_id, attempt in plan.items():
            found = by_exercise[(SESSION, exercise_id)]
            wanted = 0 if attempts[attempt][0] else all_points(COURSE.find(SESSION, exercise_id)[1])
            assert found["earned"] == wanted, (exercise_id, attempt, found)
        assert not watch.heard_something(), "a submission reached a server on 127.0.0.1"
        assert not watch.planted.exists()
        assert not watch.leftovers(), "processes a submission started are still running"
    finally:
        watch.close()


def _hostile_rounds():
    """Each hostile submission on an exercise of its own, as many rounds as that takes."""
    from coursekit.simclass import LIES, TAMPERING

    attempts = [("tampering", name) for name in TAMPERING] + [("lie", name) for name in LIES]
    size = len(COURSE.find(SESSION, "ex01_simple_mlp")[0].exercises)
    return [attempts[i:i + size] for i in range(0, len(attempts), size)]


@pytest.mark.parametrize("attempts", _hostile_rounds(), ids=lambda a: "+".join(n for _, n in a))
def test_tampering_and_lies_about_outcomes_earn_nothing(attempts, tmp_path):
    """Each exercise gets the reference plus code that replaces what the checks compare with
    (or forges the check's report): every check says "tampering detected" and scores 0;
    or its stub, made to end each check with a pass or a skip of its own: every check
    says the code raised what only the grader may, and scores 0."""
    from coursekit.answers import strip_docstring
    from coursekit.simclass import TAMPERING, lying_answer

    folder = tmp_path / "student" / SESSION
    folder.mkdir(parents=True)
    exercises = [e.id for e in COURSE.find(SESSION, "ex01_simple_mlp")[0].exercises]
    plan = dict(zip(exercises, attempts))
    for exercise_id, (kind, name) in plan.items():
        if kind == "tampering":
            reference = (ROOT / "reference" / SESSION / f"{exercise_id}.py").read_text()
            answer = reference + "\n\n" + TAMPERING[name]
        else:
            stub = strip_docstring((ROOT / "exercises" / SESSION / f"{exercise_id}.py").read_text())
            answer = lying_answer(stub, name)
        (folder / f"{exercise_id}.py").write_text(answer + "\n")
    code, out = finish(run_pytest(f"--solution={folder.parent}", "-m", SESSION, "-n", "2",
                                  "--grade-report", str(tmp_path / "r.json")))
    by_exercise = scores(json.loads((tmp_path / "r.json").read_text()))
    for exercise_id, (kind, name) in plan.items():
        found = by_exercise[(SESSION, exercise_id)]
        reasons = {c["reason"] for c in found["checks"]}
        wanted = {"tampering detected"} if kind == "tampering" else {"raised"}
        assert found["earned"] == 0 and reasons <= wanted | {"skipped"}, (exercise_id, name, reasons)
        assert reasons & wanted, (exercise_id, name, reasons)
        assert all(c["status"] != "skipped" or c["check"] == "cuda_parity" for c in found["checks"]), name


def test_hostile_submissions_cost_only_the_checks_they_break(tmp_path):
    """Each hostile behaviour on an exercise of its own (the reference plus the behaviour,
    at import or in ``forward``), the reference on the others: a behaviour at import costs
    its exercise, one in ``forward`` the checks that call it, each with its reason; the
    others keep full points and the run ends in time."""
    import time

    from coursekit.answers import override
    from coursekit.simclass import HOSTILE

    folder = tmp_path / "student" / SESSION
    folder.mkdir(parents=True)
    exercises = [e.id for e in COURSE.find(SESSION, "ex01_simple_mlp")[0].exercises]
    plan = dict(zip(exercises, HOSTILE))
    for exercise_id in exercises:
        answer = (ROOT / "reference" / SESSION / f"{exercise_id}.py").read_text()
        if exercise_id in plan:
            where, code = HOSTILE[plan[exercise_id]]
            if where == "import":
                answer = code + "\n\n" + answer
            else:
                model = next(c for c in ("SimpleMLP", "PromoterClassifier", "MLPWithActivation",
                                         "MLPWithBatchNorm", "DropoutMLP") if f"class {c}(" in answer)
                answer = override(answer, model, "forward", code)
        (folder / f"{exercise_id}.py").write_text(answer)
    start = time.monotonic()
    code, out = finish(run_pytest(f"--solution={folder.parent}", "-m", SESSION, "-n", "2",
                                  "--check-timeout=3", "--memory-limit=1",
                                  "--grade-report", str(tmp_path / "r.json")))
    assert time.monotonic() - start < 150 and (tmp_path / "r.json").exists(), out[-3000:]
    by_exercise = scores(json.loads((tmp_path / "r.json").read_text()))
    for exercise_id in exercises:
        found = by_exercise[(SESSION, exercise_id)]
        full = found["possible"]
        if exercise_id not in plan:
            assert found["earned"] == full, (exercise_id, found)
        elif HOSTILE[plan[exercise_id]][0] == "import":
            assert found["earned"] == 0, (plan[exercise_id], found)
        else:
            assert 0 < found["earned"] < full, (plan[exercise_id], found)
    messages = " ".join(c["message"] for e in by_exercise.values() for c in e["checks"])
    assert "timed out" in messages and "exit code 3" in messages and "SIGSEGV" in messages
    assert "more than 8 MB" in messages and "more than 1 GiB" in messages
