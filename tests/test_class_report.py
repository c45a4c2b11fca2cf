"""The class report on simulated classes: the page builds and shows the numbers it was given."""
import os
import random
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from class_page import read_numbers
from coursekit.cli import main
from coursekit.reports.class_report import render
from coursekit.reports.class_results import (CRASHED, FLAGGED, HUNG, CheckResult, ClassResults,
                                             StudentResult, collect, parse_failure)
from coursekit.reports.class_stats import check_stats, normalise

CHECKS = [("ex01_mlp", "forward", 2.0), ("ex01_mlp", "shapes", 1.0), ("ex01_mlp", "train", 3.0),
          ("ex02_cnn", "params", 2.0), ("ex02_cnn", "logits", 2.0),
          ("ex03_loss", "finite", 1.0), ("ex03_loss", "falls", 4.0), ("ex03_loss", "hidden_law", 2.0)]
MESSAGES = ["expected output shape ({n},), got ({n}, 1); hint: squeeze the last dimension",
            "expected {n} parameters, found {m}; hint: count the bias",
            "timed out: the check ran past 10 s; hint: look for a loop that never ends"]


def simulated_class(n: int, seed: int = 0) -> ClassResults:
    rng = random.Random(seed)
    students = {}
    for i in range(n):
        skill = rng.random()
        s = StudentResult(seconds=rng.uniform(5, 60))
        for exercise, check, points in CHECKS:
            if rng.random() < skill:
                s.checks[(exercise, check)] = CheckResult(points, points)
            else:
                message = rng.choice(MESSAGES).format(n=rng.randint(2, 64), m=rng.randint(100, 9999))
                reason = "timed out" if message.startswith("timed out") else "wrong behaviour"
                s.checks[(exercise, check)] = CheckResult(0.0, points, reason, message)
        if i % 50 == 3:
            s.problems.append((HUNG, "ex01_mlp / forward: timed out"))
        if i % 70 == 5:
            s.problems.append((CRASHED, "answer cell ex02_cnn_answer: RuntimeError"))
        if i % 90 == 7:
            s.problems.append((FLAGGED, "2 test cell(s) edited, restored by nbgrader"))
        students[f"student{i:03d}"] = s
    return ClassResults("session99", CHECKS, students, "simulated")


@pytest.mark.parametrize("n", [7, 200])
def test_page_shows_the_class_numbers(n):
    results = simulated_class(n)
    page = render(results)
    shown = read_numbers(page)
    exercises = list(dict.fromkeys(e for e, _, _ in CHECKS))
    for exercise in exercises:
        scores = [sum(c.points for (e, _), c in s.checks.items() if e == exercise)
                  for s in results.students.values()]
        full = sum(p for e, _, p in CHECKS if e == exercise)
        assert shown["exercise_mean"][exercise] == round(sum(scores) / n, 2)
        assert shown["full_marks"][exercise] == sum(x == full for x in scores)
    for exercise, check, _ in CHECKS:
        failed = sum(s.checks[(exercise, check)].points == 0 for s in results.students.values())
        assert shown["failed"][(exercise, check)] == failed
    assert set(shown["students"]) == set(results.students)
    for sid, s in results.students.items():
        assert shown["totals"][sid] == s.total
        for exercise in exercises:
            assert shown["students"][sid][exercise] == s.exercise_points(exercise)
    for kind in (CRASHED, HUNG, FLAGGED):
        assert shown[kind] == {sid for sid, s in results.students.items()
                               if any(k == kind for k, _ in s.problems)}
    figures = re.findall(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+"', page)
    assert len(figures) == 4  # scores, failure rates, totals, grading time
    assert "<script" not in page and "http://" not in page and "https://" not in page


def test_messages_that_differ_only_in_numbers_count_once():
    assert normalise("expected shape (32,), got (32, 1)") == normalise("expected shape (8,), got (8, 1)")
    assert normalise("expected 1.5e-3, found -2") == "expected #, found #"
    assert normalise("layer fc2 of ex01_mlp") == "layer fc2 of ex01_mlp"  # names keep their digits
    assert normalise("at ipykernel_9361/3415457115.py, line 32") == "at ipykernel_#/#.py, line #"
    results = simulated_class(200)
    for row in check_stats(results):
        assert sum(m["count"] for m in row["messages"]) == row["failed"]  # three templates, all shown
        assert row["distinct_messages"] <= len(MESSAGES)


def test_failure_rates_are_sorted_and_count_the_failures():
    rows = check_stats(simulated_class(200, seed=1))
    assert [r["failed"] for r in rows] == sorted((r["failed"] for r in rows), reverse=True)
    assert {(r["exercise"], r["check"]) for r in rows} == {(e, c) for e, c, _ in CHECKS}


def test_test_cell_errors_are_read_as_verdicts_or_errors():
    verdict = {"ename": "CheckFailed", "evalue": "[wrong behaviour] forward\nexpected 3, found 4"}
    assert parse_failure(verdict) == ("wrong behaviour", "expected 3, found 4")
    other = {"ename": "ModuleNotFoundError", "evalue": "No module named 'coursekit'"}
    assert parse_failure(other) == ("error: ModuleNotFoundError", "No module named 'coursekit'")


def test_an_empty_class_still_renders():
    page = render(ClassResults("session99", CHECKS, {}, ""))
    assert "No grading time was recorded" in page and read_numbers(page)["students"] == {}


def _notebook(cells):
    nb = nbformat.v4.new_notebook()
    for grade_id, source, error in cells:
        cell = nbformat.v4.new_code_cell(source)
        answer = grade_id.endswith("_answer")
        cell.metadata["nbgrader"] = {"grade_id": grade_id, "grade": not answer, "solution": answer}
        if error:
            cell.outputs = [nbformat.v4.new_output("error", ename=error[0], evalue=error[1], traceback=[])]
        cell.metadata["execution"] = {"iopub.execute_input": "2026-01-01T00:00:00.000000Z",
                                      "shell.execute_reply": "2026-01-01T00:00:01.500000Z"}
        nb.cells.append(cell)
    return nb


@pytest.fixture
def tiny_course(tmp_path, monkeypatch):
    """A course folder: a gradebook made with nbgrader's API, notebooks as nbgrader leaves them."""
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])  # alembic
    tests = [("ex01_a__one", "grade_check('s', 'ex01_a', 'one')"),
             ("ex01_a__two", "grade_check('s', 'ex01_a', 'two')")]
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gb:
        gb.add_assignment("s")
        gb.add_notebook("s", "s")
        for (name, _), points in zip(tests, (2.0, 3.0)):
            gb.add_grade_cell(name, "s", "s", max_score=points, cell_type="code")
        for sid, scores in {"ann": (2.0, 3.0), "bob": (0.0, 3.0), "cat": (2.0, 0.0), "dan": (0, 0)}.items():
            gb.add_student(sid)
            gb.add_submission("s", sid)
            for (name, _), score in zip(tests, scores):
                grade = gb.find_grade(name, "s", "s", sid)
                grade.auto_score, grade.needs_manual_grade = score, False
        gb.db.commit()
    release = tmp_path / "release" / "s" / "s.ipynb"
    release.parent.mkdir(parents=True)
    nbformat.write(_notebook([("ex01_a_answer", "# your code", None), *((n, s, None) for n, s in tests)]),
                   release)
    verdict = ("CheckFailed", "[wrong behaviour] one\nexpected shape (4,), got (4, 1)")
    graded = {
        "ann": [("ex01_a_answer", "x = 1", None), *((n, s, None) for n, s in tests)],
        "bob": [("ex01_a_answer", "x = 1", None), (*tests[0], verdict), (*tests[1], None)],
        "cat": [("ex01_a_answer", "raise RuntimeError('half')", ("RuntimeError", "half")), (*tests[0], None),
                (*tests[1], ("CheckFailed", "[timed out] two\ntimed out: the check ran past 10 s"))],
    }
    for sid, cells in graded.items():
        for folder in ("autograded", "submitted"):
            path = tmp_path / folder / sid / "s" / "s.ipynb"
            path.parent.mkdir(parents=True)
            if folder == "submitted" and sid == "ann":  # ann edited a test cell
                cells = [*cells[:2], (tests[1][0], "pass", None)]
            nbformat.write(_notebook(cells), path)
    return tmp_path


@pytest.mark.filterwarnings("ignore:Object of type:Warning")  # nbgrader's own add_submission
def test_collect_reads_the_gradebook_and_the_autograded_notebooks(tiny_course):
    results = collect(tiny_course, "s")
    assert results.checks == [("ex01_a", "one", 2.0), ("ex01_a", "two", 3.0)]
    assert {s: r.total for s, r in results.students.items()} == {"ann": 5, "bob": 3, "cat": 2, "dan": 0}
    bob = results.students["bob"].checks[("ex01_a", "one")]
    assert (bob.reason, bob.message) == ("wrong behaviour", "expected shape (4,), got (4, 1)")
    assert bob.seconds == 1.5
    kinds = {s: sorted({k for k, _ in r.problems}) for s, r in results.students.items()}
    assert kinds == {"ann": [FLAGGED], "bob": [], "cat": [CRASHED, HUNG], "dan": [HUNG]}
    assert results.students["ann"].seconds == 4.5  # three cells of 1.5 s
    assert "no autograded copy" in results.students["dan"].problems[0][1]


@pytest.mark.filterwarnings("ignore:Object of type:Warning")
def test_class_report_command(tiny_course, capsys):
    out = tiny_course / "page.html"
    assert main(["class-report", str(tiny_course), "s", "--out", str(out)]) == 0
    shown = read_numbers(out.read_text())
    assert shown["totals"] == {"ann": 5, "bob": 3, "cat": 2, "dan": 0}
    assert shown["failed"] == {("ex01_a", "one"): 2, ("ex01_a", "two"): 2}
    assert (shown["crashed"], shown["hung"], shown["flagged"]) == ({"cat"}, {"cat", "dan"}, {"ann"})
    assert main(["class-report", str(tiny_course), "nosuch"]) == 1
    assert "no assignment 'nosuch'" in capsys.readouterr().err
