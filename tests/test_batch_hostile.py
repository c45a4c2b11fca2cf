"""``coursekit autograde`` against hostile notebooks: each costs only what it breaks, none
gets out of its sandbox, and tampering or lying about an outcome earns nothing; the rest
of the class is graded as usual. (Split from test_batch_autograde.py so that the two
halves run on different test workers.)"""
import time

from coursekit.roundtrip import nbgrader_points, per_exercise
from coursekit.simclass import FIRST, HOSTILE, LEFT_UNTOUCHED, escape_attempts, escaping_class, hostile_class
from kit import ROOT, EscapeWatch
from test_batch_autograde import SESSION, _coursekit, _full, _prepare, pytestmark  # noqa: F401


def _grade(tmp_path, course_dir, env, log, students, *extra) -> dict:
    """``coursekit autograde`` on the class (it must succeed): {student: {exercise: points}}."""
    ok = _coursekit(course_dir, env, log, *extra)
    log.close()
    assert ok, (tmp_path / "commands.log").read_text()[-3000:]
    points = nbgrader_points(course_dir, SESSION.id, list(students))
    return {s: per_exercise(p) for s, p in points.items()}


def _honest_part() -> dict:
    """What a hostile student's other cells earn: full points, none for the untouched stub."""
    return {e.id: 0 if e.id == LEFT_UNTOUCHED else _full(e.id) for e in SESSION.exercises}


def test_hostile_submissions_cost_only_what_they_break(tmp_path):
    students = hostile_class(ROOT, SESSION)
    course_dir, env, log = _prepare(tmp_path, students, cell_timeout_s=3)
    start = time.monotonic()
    graded = _grade(tmp_path, course_dir, env, log, students, "--memory-limit=1")
    assert time.monotonic() - start < 120
    others = {e: points for e, points in _honest_part().items() if e != FIRST}
    assert graded["reference"] == {e.id: _full(e.id) for e in SESSION.exercises}
    for student, (where, _) in HOSTILE.items():
        assert {e: graded[student][e] for e in others} == others, student
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
        graded = _grade(tmp_path, course_dir, env, log, students)
        assert graded["reference"] == {e.id: _full(e.id) for e in SESSION.exercises}
        honest = _honest_part()
        for name, (replaces, _) in attempts.items():  # no more than the honest part
            assert graded[name] == ({**honest, FIRST: 0} if replaces else honest), name
        assert not watch.heard_something(), "a submission reached a server on 127.0.0.1"
        assert not watch.planted.exists()
        assert sorted(p.relative_to(course_dir) for p in (course_dir / "submitted").rglob("*")) == before
        assert not watch.leftovers()
    finally:
        watch.close()


def test_tampering_in_a_notebook_earns_nothing_and_spares_the_rest(tmp_path):
    """The stub of the first exercise plus code that replaces what the checks compare with,
    forges the reports, or makes each of its functions end a check with a pass or a skip of
    its own: the exercise scores 0 (and says why), every other exercise keeps its points (the
    untouched one none)."""
    from coursekit.answers import strip_docstring
    from coursekit.simclass import LIES, TAMPERING, lying_answer, reference_answer

    stub = strip_docstring((ROOT / "exercises" / SESSION.id / f"{FIRST}.py").read_text())
    ref = {e.id: reference_answer(ROOT, SESSION.id, e.id) for e in SESSION.exercises}
    students = {"reference": {"answers": ref}}
    for name, code in TAMPERING.items():
        students[name] = {"answers": {**ref, FIRST: stub + "\n\n" + code + "\n", LEFT_UNTOUCHED: None}}
    for name in LIES:
        students[name] = {"answers": {**ref, FIRST: lying_answer(stub, name), LEFT_UNTOUCHED: None}}
    course_dir, env, log = _prepare(tmp_path, students)
    graded = _grade(tmp_path, course_dir, env, log, students)
    assert graded["reference"] == {e.id: _full(e.id) for e in SESSION.exercises}
    for name in [*TAMPERING, *LIES]:
        assert graded[name] == {**_honest_part(), FIRST: 0}, name
        text = (course_dir / "autograded" / name / SESSION.id / f"{SESSION.id}.ipynb").read_text()
        if name in LIES:
            assert name == "returns_a_lying_tensor" or "which only the grader may raise" in text, name
        else:  # replaced builtins break the cell runner itself: that cell crashes, and says so
            assert "tampering detected" in text or (name == "patches_builtins" and "[crashed]" in text), name
