"""The nbgrader round trip, the same points through pytest, and nothing hidden leaks."""
import json
import subprocess
import sys

import pytest

from coursekit.release import build_student_bundle, find_leaks
from coursekit.roundtrip import ROUNDTRIP_SESSION, run
from kit import COURSE, ROOT

SESSION = next(s for s in COURSE.sessions if s.id == ROUNDTRIP_SESSION)
FIRST = "ex01_simple_mlp"
pytestmark = pytest.mark.timeout(900)


@pytest.fixture(scope="session")  # one round trip (about three minutes) per run
def roundtrip(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("roundtrip")
    with open(workdir.parent / "roundtrip.txt", "w") as out:
        result = run(ROOT, workdir / "trip", SESSION.id, check_timeout_s=10, out=out)
    return result


def _full(exercise_id):
    return sum(c.points for c in COURSE.find(SESSION.id, exercise_id)[1].checks)


def _by_exercise(points):
    totals = {}
    for (exercise, _), value in points.items():
        totals[exercise] = totals.get(exercise, 0) + value
    return totals


def test_every_student_is_in_the_gradebook_and_the_export(roundtrip):
    graded = roundtrip["graded"]
    assert set(graded) == {"reference", "untouched", "wrong", "endless_loop", "edited_tests",
                           "sys_exit", "raises_at_import"}
    csv = (roundtrip["workdir"] / "grades.csv").read_text()
    for student in graded:
        assert student in csv


def test_nbgrader_gives_each_check_the_points_the_graders_give(roundtrip):
    for student, points in roundtrip["graded"].items():
        assert points == roundtrip["expected"][student], student


def test_each_student_gets_the_points_the_work_deserves(roundtrip):
    totals = {s: _by_exercise(p) for s, p in roundtrip["graded"].items()}
    ids = [e.id for e in SESSION.exercises]
    assert totals["reference"] == {e: _full(e) for e in ids}
    assert sum(totals["untouched"].values()) == 0
    assert sum(totals["edited_tests"].values()) == 0, "edited test cells are restored"
    for e in ids:
        assert totals["wrong"][e] < _full(e), e
    others = [e for e in ids if e != FIRST]
    for student in ("endless_loop", "sys_exit", "raises_at_import"):
        assert all(totals[student][e] == _full(e) for e in others), student
    assert totals["raises_at_import"][FIRST] == 0
    assert 0 < totals["endless_loop"][FIRST] < _full(FIRST)
    assert 0 < totals["sys_exit"][FIRST] < _full(FIRST)


@pytest.mark.parametrize("student", ["reference", "untouched", "wrong"])
def test_pytest_plugin_gives_the_same_points_per_check(roundtrip, student, tmp_path):
    folder = roundtrip["workdir"] / "as_modules" / student
    report = tmp_path / "report.json"
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "0", f"--solution={folder}",
                           "--grade-report", str(report), "-m", SESSION.id],
                          cwd=ROOT, capture_output=True, text=True)
    assert report.exists(), proc.stdout[-3000:]
    data = json.loads(report.read_text())
    by_pytest = {(e["id"], c["check"]): c["points"] if c["status"] == "passed" else 0.0
                 for s in data["sessions"] for e in s["exercises"] for c in e["checks"]}
    assert by_pytest == roundtrip["graded"][student]


def test_feedback_shows_failure_messages_but_no_hidden_source(roundtrip):
    feedback = sorted((roundtrip["workdir"] / "course" / "feedback").rglob("*.html"))
    assert len(feedback) == len(roundtrip["graded"])
    wrong = next(p for p in feedback if "/wrong/" in str(p)).read_text()
    assert "expected:" in wrong and "found:" in wrong
    assert "BEGIN HIDDEN TESTS" not in wrong
    # students who wrote no solution code: their feedback holds nothing of ours
    blank = [p for p in feedback if p.parts[-3] in ("untouched", "edited_tests")]
    assert len(blank) == 2 and find_leaks(ROOT, blank) == []


def test_released_notebook_and_student_bundle_hold_no_solution(roundtrip, tmp_path):
    released = roundtrip["workdir"] / "course" / "release" / SESSION.id / f"{SESSION.id}.ipynb"
    kit, archive = build_student_bundle(ROOT, tmp_path)
    files = [p for p in kit.rglob("*") if p.is_file()]
    assert archive.stat().st_size > 0
    assert not any("hidden" in p.parts or p.parts[-2:-1] == ("reference",) for p in files)
    assert find_leaks(ROOT, files + [released]) == []


def test_leak_scan_finds_planted_solution_text(roundtrip, tmp_path):
    """The scan can fail: the source notebook and the reference hold solution lines."""
    source = roundtrip["workdir"] / "course" / "source" / SESSION.id / f"{SESSION.id}.ipynb"
    planted = tmp_path / "planted.py"
    hidden = (ROOT / "graders" / "hidden" / SESSION.id / f"test_{FIRST}.py").read_text()
    planted.write_text(hidden)
    assert find_leaks(ROOT, [source])
    assert find_leaks(ROOT, [planted])
