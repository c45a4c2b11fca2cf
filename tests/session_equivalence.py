"""Every other session's assignment: the gradebook holds, per check, the points the graders
give, for the reference, the untouched stub and a mutant per exercise (``coursekit
autograde`` of all three); plain ``nbgrader autograde`` gives the mutant the same points.
The mutant passes most checks and fails some, so plain nbgrader runs each session's checks
both ways; plain nbgrader on the reference and the stub is proven on the round trip's
session (test_nbgrader.py, test_batch_autograde.py) and on the PostgreSQL gradebook's
(test_gradebook_postgres.py): a kernel there costs about 5 s of start-up and imports per
notebook, which a warm worker has paid once. The sessions are shared out between two
test files, so that the two workers of ``make test`` grade them side by side; each file
names its ``SESSIONS``."""
import pytest

from coursekit.release import find_leaks
from coursekit.roundtrip import EQUIVALENCE_STUDENTS, ROUNDTRIP_SESSION, autograde_equivalence, per_exercise
from kit import COURSE, ROOT
from postgres import GRADEBOOK_SESSION, missing

# the round trip's session has its own proofs, and so has the PostgreSQL gradebook's where a
# server can be started (test_gradebook_postgres.py; without one it is graded here)
PROVEN_ELSEWHERE = {ROUNDTRIP_SESSION} | (set() if missing() else {GRADEBOOK_SESSION})
OTHERS = [s.id for s in COURSE.sessions if s.id not in PROVEN_ELSEWHERE]
__all__ = ["equivalence", "pytest_generate_tests",
           "test_nbgrader_gives_each_check_the_points_the_graders_give",
           "test_batch_autograde_writes_the_gradebook_nbgrader_writes",
           "test_reference_full_points_stub_none_mutants_fewer", "test_released_notebook_holds_no_solution"]
pytestmark = pytest.mark.timeout(900)
SERIAL = ("wrong",)  # the students plain nbgrader grades in every session


def pytest_generate_tests(metafunc):
    if "session_id" in metafunc.fixturenames:
        metafunc.parametrize("session_id", metafunc.module.SESSIONS)


@pytest.fixture(scope="module")
def equivalence(request, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("equivalence")
    with open(workdir / "table.txt", "w") as out:
        return autograde_equivalence(ROOT, workdir / "course", request.module.SESSIONS, check_timeout_s=10,
                                     out=out, graded_by_pytest=SERIAL, serial=SERIAL)


def expect_full_none_fewer(session_id, graded):
    """Per exercise: the reference earns full points, the untouched stub none, the mutant fewer."""
    session = next(s for s in COURSE.sessions if s.id == session_id)
    totals = {student: per_exercise(points) for student, points in graded.items()}
    for exercise in session.exercises:
        full = sum(c.points for c in exercise.checks)
        assert totals["reference"][exercise.id] == full, exercise.id
        assert totals["untouched"][exercise.id] == 0, exercise.id
        assert totals["wrong"][exercise.id] < full, exercise.id


def known_points(session_id, student):
    """What the graders give the reference (every point: tests/test_graders.py proves it passes
    every check) and the untouched stub (none: every check fails on it there)."""
    session = next(s for s in COURSE.sessions if s.id == session_id)
    return {(e.id, c.name): c.points if student == "reference" else 0.0
            for e in session.exercises for c in e.checks}


def _differences(found: dict, wanted: dict) -> dict:
    """{key: (found, wanted)} where the two disagree: what a failure shows."""
    return {k: (found.get(k), wanted.get(k)) for k in sorted(set(found) | set(wanted), key=str)
            if found.get(k) != wanted.get(k)}


def test_nbgrader_gives_each_check_the_points_the_graders_give(equivalence, session_id):
    result = equivalence[session_id]
    assert set(result["graded"]) == set(SERIAL)
    graded, expected = result["graded"]["wrong"], result["expected"]["wrong"]
    assert graded == expected, _differences(graded, expected)


def test_batch_autograde_writes_the_gradebook_nbgrader_writes(equivalence, session_id):
    result = equivalence[session_id]
    batch, serial = result["batch"], result["graded"]
    assert set(batch) == set(EQUIVALENCE_STUDENTS)
    assert batch["wrong"] == serial["wrong"], _differences(batch["wrong"], serial["wrong"])
    for student in ("reference", "untouched"):
        known = known_points(session_id, student)
        assert batch[student] == known, (student, _differences(batch[student], known))


def test_reference_full_points_stub_none_mutants_fewer(equivalence, session_id):
    expect_full_none_fewer(session_id, equivalence[session_id]["batch"])


def test_released_notebook_holds_no_solution(equivalence, session_id):
    assert find_leaks(ROOT, [equivalence[session_id]["released"]]) == []
