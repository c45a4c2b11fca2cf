"""The gradebook on a real PostgreSQL server: nbgrader autograde, coursekit autograde,
feedback and export end to end, with the same points as pytest (SQLite stays the
embedded default). Where a server can be started, this is also the session's proof of
equivalence (session_equivalence.py leaves it out of the SQLite runs)."""
import csv
import os
import sys
from pathlib import Path

import pytest

from coursekit.nbbuild import gradebook_url
from coursekit.reports.class_results import collect
from coursekit.release import find_leaks
from coursekit.roundtrip import EQUIVALENCE_STUDENTS, Runner, autograde_equivalence, per_exercise
from kit import ROOT
from postgres import GRADEBOOK_SESSION as SESSION
from postgres import postgres_server
from session_equivalence import expect_full_none_fewer, known_points

pytestmark = pytest.mark.timeout(600)


def test_postgres_gradebook_autograde_feedback_export(tmp_path):
    with postgres_server() as url:
        with open(tmp_path / "table.txt", "w") as out:
            result = autograde_equivalence(ROOT, tmp_path / "pg", [SESSION], out=out, db_url=url,
                                           graded_by_pytest=("wrong",))[SESSION]
        course = tmp_path / "pg" / "course"
        assert gradebook_url(course) == url
        assert not (course / "gradebook.db").exists(), "nothing fell back to SQLite"
        assert set(result["graded"]) == set(EQUIVALENCE_STUDENTS)
        assert result["graded"]["wrong"] == result["expected"]["wrong"]
        for student in ("reference", "untouched"):
            assert result["graded"][student] == known_points(SESSION, student), student
        assert result["batch"] == result["graded"], "coursekit autograde wrote the same grades there"
        expect_full_none_fewer(SESSION, result["graded"])
        assert find_leaks(ROOT, [result["released"]]) == []

        env = {**os.environ, "HOME": str(tmp_path / "pg" / "home"),
               "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
        with open(tmp_path / "nbgrader.log", "w") as log:
            nb = Runner(course, env, log)
            nb("generate_feedback", SESSION, "--force")
            nb("export", "--to", str(tmp_path / "grades.csv"))
        for student in EQUIVALENCE_STUDENTS:
            assert (course / "feedback" / student / SESSION / f"{SESSION}.html").is_file(), student
        with open(tmp_path / "grades.csv") as fh:
            exported = {row["student_id"]: float(row["score"]) for row in csv.DictReader(fh)}
        for student, points in result["graded"].items():
            assert exported[student] == pytest.approx(sum(points.values())), student
        # the class report reads the same server
        report = collect(course, SESSION)
        for student in EQUIVALENCE_STUDENTS:
            for exercise, total in per_exercise(result["graded"][student]).items():
                assert report.students[student].exercise_points(exercise) == pytest.approx(total)
