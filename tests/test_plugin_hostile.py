"""The pytest plugin grading someone's work in its sandbox, against hostile submissions:
escape attempts, tampering, lies about outcomes, hangs, floods, crashes and memory bombs
each cost only what they break. (Split from test_plugin.py so that the two halves run on
different test workers.)"""
import json

import pytest
from kit import COURSE, ROOT, EscapeWatch
from test_plugin import SESSION, all_points, finish, pytestmark, run_pytest, scores  # noqa: F401


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
    or its stub, made to end each check with a pass or a skip of its own (every check says
    the code raised what only the grader may) or to answer with a tensor that lies about
    its values, shape and ``==``: every check scores 0."""
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
        wanted = ({"tampering detected"} if kind == "tampering" else {"raised", "wrong behaviour"}
                  if name == "returns_a_lying_tensor" else {"raised"})
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
                                  "--check-timeout=3", "--memory-limit=0.5",
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
    assert "more than 8 MB" in messages and "more than 0.5 GiB" in messages
