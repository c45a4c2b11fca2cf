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
    with open(workdir.parent / "roundtrip.txt", "w") as out:  # 5 s per check: the endless loop costs 4
        result = run(ROOT, workdir / "trip", SESSION.id, check_timeout_s=5, out=out)
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


@pytest.fixture(scope="module")
def wrong_by_pytest(roundtrip):
    """The wrong solution graded by the plugin (``pytest --solution=PATH --grade-report``), once
    for the test below and the report cards' test: its JSON report."""
    folder = roundtrip["workdir"] / "as_modules" / "wrong"
    report = roundtrip["workdir"] / "wrong_by_pytest.json"
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "0", f"--solution={folder}",
                           "--grade-report", str(report), "-m", SESSION.id],
                          cwd=ROOT, capture_output=True, text=True)
    assert report.exists(), proc.stdout[-3000:]
    return json.loads(report.read_text())


def test_pytest_plugin_gives_the_same_points_per_check(roundtrip, wrong_by_pytest):
    """The wrong solution, the one with points both won and lost in every exercise (the plugin
    gives the reference every point and the stubs none: test_plugin.py; nbgrader likewise:
    test_each_student_gets_the_points_the_work_deserves above)."""
    by_pytest = {(e["id"], c["check"]): c["points"] if c["status"] == "passed" else 0.0
                 for s in wrong_by_pytest["sessions"] for e in s["exercises"] for c in e["checks"]}
    assert by_pytest == roundtrip["graded"]["wrong"]


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


def _gradebook_numbers(course_dir, assignment):
    """What the class report must show, read straight from the gradebook (nbgrader's API)."""
    from nbgrader.api import Gradebook

    points, maxima = {}, {}
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gb:
        for student in gb.students:
            sub = gb.find_submission_notebook(assignment, assignment, student.id)
            points[student.id] = {tuple(g.name.split("__", 1)): float(g.score or 0.0) for g in sub.grades}
            maxima.update({tuple(g.name.split("__", 1)): float(g.max_score) for g in sub.grades})
    exercises = list(dict.fromkeys(e for e, _ in maxima))
    by_student = {s: {e: sum(v for (x, _), v in p.items() if x == e) for e in exercises}
                  for s, p in points.items()}
    full = {e: sum(m for (x, _), m in maxima.items() if x == e) for e in exercises}
    return {
        "students": by_student,
        "totals": {s: sum(p.values()) for s, p in points.items()},
        "exercise_mean": {e: round(sum(b[e] for b in by_student.values()) / len(points), 2)
                          for e in exercises},
        "full_marks": {e: sum(b[e] >= full[e] for b in by_student.values()) for e in exercises},
        "failed": {k: sum(p[k] < m for p in points.values()) for k, m in maxima.items()},
    }


def _assert_class_report_numbers(shown, roundtrip):
    want = _gradebook_numbers(roundtrip["workdir"] / "course", SESSION.id)
    for key in ("students", "totals", "exercise_mean", "full_marks", "failed"):
        assert shown[key] == want[key], key
    assert shown["totals"] == {s: sum(p.values()) for s, p in roundtrip["graded"].items()}


def test_class_report_shows_the_gradebook_numbers(roundtrip):
    from class_page import read_numbers

    _assert_class_report_numbers(read_numbers(roundtrip["class_report"].read_text()), roundtrip)


def test_class_report_lists_what_crashed_hung_or_was_flagged(roundtrip):
    from class_page import read_numbers

    shown = read_numbers(roundtrip["class_report"].read_text())
    assert "endless_loop" in shown["hung"]
    assert {"sys_exit", "raises_at_import"} <= shown["crashed"]
    assert "edited_tests" in shown["flagged"]
    troubled = shown["hung"] | shown["crashed"] | shown["flagged"]
    assert not troubled & {"reference", "untouched", "wrong"}


def test_class_report_renders_in_chromium(roundtrip):
    import base64
    import re

    import browser
    from class_page import read_numbers

    browser.require()
    page = roundtrip["class_report"]
    dom = browser.dump_dom(page)
    _assert_class_report_numbers(read_numbers(dom), roundtrip)
    figures = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', dom)
    assert len(figures) == 4 and all(base64.b64decode(f)[:8] == b"\x89PNG\r\n\x1a\n" for f in figures)
    assert "<script" not in dom
    png = browser.screenshot(page, roundtrip["workdir"] / "class_report.png", "1280,2600")
    assert png.stat().st_size > 20_000  # a page with figures, not a blank one


def _feedback_pages(roundtrip):
    return {p.parts[-3]: p for p in (roundtrip["workdir"] / "course" / "feedback").rglob("*.html")}


def _gradebook_card(roundtrip, student):
    """{exercise: (earned, possible)} and "TOTAL" of one student, read from the gradebook."""
    from nbgrader.api import Gradebook

    numbers = {}
    with Gradebook(f"sqlite:///{roundtrip['workdir'] / 'course' / 'gradebook.db'}") as gb:
        sub = gb.find_submission_notebook(SESSION.id, SESSION.id, student)
        for grade in sub.grades:
            exercise = grade.name.split("__", 1)[0]
            earned, possible = numbers.get(exercise, (0.0, 0.0))
            numbers[exercise] = (earned + float(grade.score or 0.0), possible + float(grade.max_score))
        numbers["TOTAL"] = (float(sub.score), float(sub.max_score))
    return numbers


def test_feedback_starts_with_a_report_card_of_the_gradebook_points(roundtrip):
    import re

    from card_page import card_numbers
    from coursekit.roundtrip import per_exercise

    pages = _feedback_pages(roundtrip)
    assert set(pages) == set(roundtrip["graded"])
    for student, page in pages.items():
        html = page.read_text()
        shown = card_numbers(html)
        assert shown == _gradebook_card(roundtrip, student), student
        by_pytest = per_exercise(roundtrip["expected"][student])  # the graders on the same work
        assert {e: shown[e][0] for e in by_pytest} == by_pytest, student
        assert shown["TOTAL"][0] == sum(by_pytest.values()), student
        card = html[html.index('id="ck-report-card"'):html.index(f'<a id="ex-{SESSION.exercises[0].id}"')]
        for exercise in SESSION.exercises:  # a link down to each exercise, and its anchor
            assert f'href="#ex-{exercise.id}"' in card and f'<a id="ex-{exercise.id}"></a>' in html
        assert re.search(r"<h3[^>]*>What the graders check", html), "the spec is formatted text"
    card = (lambda h: h[h.index('id="ck-report-card"'):h.index('<a id="ex-')])(pages["wrong"].read_text())
    failed = [(e, c) for (e, c), v in roundtrip["graded"]["wrong"].items()
              if v < COURSE.find(SESSION.id, e)[1].check(c).points]
    assert failed and "hint:" in card and "BEGIN HIDDEN" not in card and "grade_check(" not in card
    for exercise, check in failed:  # each failed check by name, hidden ones too (never their code)
        assert f'<span class="ck-check">{check}</span>' in card, (exercise, check)


def test_report_cards_render_in_chromium(roundtrip, wrong_by_pytest):
    """The feedback's card and pytest's card of the same work (pytest's HTML card is the card
    of its JSON report: test_report_card.py) render with the gradebook's numbers."""
    import browser
    from card_page import card_numbers

    from coursekit.reports.card import write_card

    browser.require()
    student = "wrong"
    (roundtrip["workdir"] / "report_cards").mkdir(exist_ok=True)
    card = write_card(wrong_by_pytest, roundtrip["workdir"] / "report_cards" / f"{student}.html")
    want = _gradebook_card(roundtrip, student)
    for name, page in (("feedback", _feedback_pages(roundtrip)[student]), ("pytest", card)):
        dom = browser.dump_dom(page)
        assert 'id="ck-report-card"' in dom, name
        assert card_numbers(dom) == want, name
        png = browser.screenshot(page, roundtrip["workdir"] / "screenshots" / f"report_card_{name}.png")
        assert png.stat().st_size > 20_000, name  # a page with the card, not a blank one
