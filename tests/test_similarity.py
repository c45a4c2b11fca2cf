"""The similarity report: disguised copies are flagged, independent authors are not, the given code
never counts, a class of 200 is compared within a minute, and the page shows the matched code.

Authors and disguises come from ``similar_class.py``: the reference and each correct alternative are
independent authors; a student's file is one of them renamed, reformatted and re-commented.
"""
import csv
import itertools
import random
import time

import nbformat
import pytest
from similar_class import ROOT, authors, disguise

from coursekit.cli import main
from coursekit.similarity.compare import compare_exercise
from coursekit.similarity.sources import given_code, read_class, released_answer
from kit import COURSE

SESSION = "session03"  # the class of 200 is one session's: the one that set the kit's pattern
EXERCISES = [(s.id, e.id) for s, e in COURSE.exercises()]


def _independent(session_id, exercise_id):
    """{author: source}: the reference and each alternative, as their authors wrote them."""
    return {origin: sources[0] for origin, sources in authors(ROOT, session_id, exercise_id).items()}


def test_a_disguised_copy_is_flagged_and_independent_authors_never_are_in_any_exercise():
    """For every exercise, a class of the reference, each alternative, and a renamed, reformatted and
    re-commented copy of the reference and of one alternative: exactly the two copies are flagged,
    each against its source; no pair of independent authors is, at the defaults."""
    misses = []
    for session_id, exercise_id in EXERCISES:
        texts = _independent(session_id, exercise_id)
        copied = next((a for a in sorted(texts) if a != "reference"), "reference")  # an alternative
        texts["copy_of_reference"] = disguise(texts["reference"], 1)
        expected = {("copy_of_reference", "reference")}
        if copied != "reference":
            texts[f"copy_of_{copied}"] = disguise(texts[copied], 2)
            expected.add(tuple(sorted((f"copy_of_{copied}", copied))))
        assert len(set(texts.values())) == len(texts), "no two files byte-equal"
        found = compare_exercise(exercise_id, texts, given_code(ROOT, session_id, exercise_id))
        flagged = {(p.a, p.b) for p in found.flagged}
        if flagged != expected or found.left_out:
            misses.append((session_id, exercise_id, sorted(flagged), found.left_out,
                           [(p.a, p.b, round(p.score, 2)) for p in found.pairs]))
    assert not misses, misses


def test_the_given_code_and_empty_answers_are_left_out_in_every_exercise():
    for session_id, exercise_id in EXERCISES:
        stub, released = given_code(ROOT, session_id, exercise_id)
        texts = {"stub": stub, "released_cell": released, "empty": "", "blank": " \n\n",
                 "reference": _independent(session_id, exercise_id)["reference"],
                 "stub_recommented": "# I did not get to this one\n" + released}
        found = compare_exercise(exercise_id, texts, [stub, released])
        assert set(found.left_out) == {"stub", "released_cell", "empty", "blank", "stub_recommented"}, (
            session_id, exercise_id, found.left_out)
        assert found.pairs == [] and found.flagged == []


def test_the_released_cell_is_the_reference_with_its_solutions_cut():
    released = released_answer(ROOT, SESSION, "ex01_simple_mlp")
    assert "raise NotImplementedError()" in released and "### BEGIN SOLUTION" not in released
    assert "class SimpleMLP" in released and "self.fc1" not in released


def _class(folder, session, size, seed=0):
    """``size`` students, each exercise's file one author's source (the reference, an alternative, or
    a mutant: a copy of the reference changed), disguised; {(exercise, student): (author, source)}."""
    rng = random.Random(seed)
    origin = {}
    for exercise in session.exercises:
        pool = [(author, i, text) for author, texts in authors(ROOT, session.id, exercise.id).items()
                for i, text in enumerate(texts)]
        for k in range(size):
            author, i, text = rng.choice(pool)
            student = f"student{k:03d}"
            path = folder / student / session.id / f"{exercise.id}.py"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(disguise(text, rng.randrange(10**9)))
            origin[(exercise.id, student)] = (author, i)
    return origin


@pytest.mark.timeout(240)
def test_a_class_of_200_finds_every_planted_copy_and_no_independent_pair(tmp_path):
    """Pairs of one source (the same file, disguised twice) are the planted copies: all flagged. Pairs
    of different authors: none flagged. Pairs of the reference and a mutant of it (one origin, changed
    code) may be either. The comparison of the whole session takes under a minute."""
    from coursekit.similarity.report import compare_class

    session = next(s for s in COURSE.sessions if s.id == SESSION)
    origin = _class(tmp_path, session, 200)
    files = [p.read_bytes() for p in tmp_path.rglob("*.py")]
    assert len(files) == 200 * len(session.exercises) and len(set(files)) == len(files)
    start = time.perf_counter()
    comparisons, _ = compare_class(ROOT, tmp_path, [session])
    seconds = time.perf_counter() - start
    assert len(comparisons) == len(session.exercises)
    for c in comparisons:
        kinds = {"copy": [], "independent": []}
        for p in c.pairs:
            a, b = origin[(c.exercise, p.a)], origin[(c.exercise, p.b)]
            if a == b:
                kinds["copy"].append(p.flagged)
            elif a[0] != b[0]:
                kinds["independent"].append(p.flagged)
        assert kinds["copy"] and all(kinds["copy"]), (c.exercise, kinds["copy"].count(False))
        assert kinds["independent"] and not any(kinds["independent"]), (c.exercise, sum(kinds["independent"]))
        assert not c.left_out and len(c.pairs) == 200 * 199 // 2
    print(f"200 students, {len(comparisons)} exercises: {seconds:.1f} s")
    assert seconds < 60


def _notebook(session, answers):
    """A submitted notebook: one code cell per exercise, its nbgrader grade id the answer cell's."""
    nb = nbformat.v4.new_notebook()
    for exercise in session.exercises:
        source = answers.get(exercise.id, released_answer(ROOT, session.id, exercise.id))
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["nbgrader"] = {"grade_id": f"{exercise.id}_answer", "solution": True, "grade": False,
                                     "locked": False, "schema_version": 3}
        nb.cells.append(cell)
    return nb


def test_nbgrader_submissions_are_compared_from_their_answer_cells(tmp_path, capsys):
    """nbgrader's submitted/ layout through the command: a copied notebook is flagged against its
    source; an untouched one is left out; the command names no student, the page and CSV do."""
    session = next(s for s in COURSE.sessions if s.id == SESSION)
    first = session.exercises[0].id
    texts = _independent(SESSION, first)
    other = next(a for a in sorted(texts) if a != "reference")
    students = {"ada": {first: texts["reference"]}, "ben": {first: disguise(texts["reference"], 3)},
                "cy": {first: texts[other]}, "dee": {}}
    for name, answers in students.items():
        path = tmp_path / "submitted" / name / SESSION / f"{SESSION}.ipynb"
        path.parent.mkdir(parents=True)
        nbformat.write(_notebook(session, answers), path)
    read = read_class(tmp_path / "submitted", session)
    assert set(read[first]) == set(students) and read[first]["ada"] == texts["reference"]
    assert main(["--root", str(ROOT), "similarity", str(tmp_path / "submitted")]) == 0
    said = capsys.readouterr().out
    assert "1 flagged pair(s)" in said and not any(name in said for name in students)
    rows = list(csv.DictReader((tmp_path / "reports" / "similarity" / "similarity.csv").open()))
    flagged = [(r["exercise"], r["student_a"], r["student_b"]) for r in rows if r["flagged"] == "1"]
    assert flagged == [(first, "ada", "ben")]
    assert not any("dee" in (r["student_a"], r["student_b"]) for r in rows)
    page = (tmp_path / "reports" / "similarity" / "similarity.html").read_text()
    assert "dee: the given code, or too little beyond it" in page


def test_the_page_shows_the_matched_code_highlighted_in_chromium(tmp_path):
    import browser

    session = next(s for s in COURSE.sessions if s.id == SESSION)
    _class(tmp_path / "class", session, 12, seed=4)
    out = tmp_path / "report"
    assert main(["--root", str(ROOT), "similarity", str(tmp_path / "class"), "--out", str(out)]) == 0
    dom = browser.dump_dom(out / "similarity.html")
    assert dom.count('<div class="pair"') >= 1 and '<mark class="match">' in dom
    assert 'alt="distribution of pair scores"' in dom and "share of the first" in dom
    png = browser.screenshot(out / "similarity.html", tmp_path / "similarity.png", size="1300,2400")
    assert png.stat().st_size > 20_000


def test_similarity_grows_with_the_square_of_the_class():
    """The pairs compared: n (n - 1) / 2 per exercise; every student's file fingerprinted once."""
    texts = {f"s{i}": disguise(_independent(SESSION, "ex01_simple_mlp")["reference"], i) for i in range(6)}
    found = compare_exercise("ex01_simple_mlp", texts, given_code(ROOT, SESSION, "ex01_simple_mlp"))
    assert len(found.pairs) == 15 and len(found.fingerprints) == 6
    assert {(p.a, p.b) for p in found.pairs} == set(itertools.combinations(sorted(texts), 2))


def test_an_exercise_whose_answers_all_look_alike_raises_its_own_bar():
    """When every pair of a class scores high (here 20 students with one answer, disguised), no pair
    stands out from the exercise's spread, so none is flagged; one more student with their own
    answer changes nothing about that."""
    exercise = "ex02_promoter_classifier"
    texts = _independent(SESSION, exercise)
    alike = {f"s{i:02d}": disguise(texts["reference"], 100 + i) for i in range(20)}
    other = next(a for a in sorted(texts) if a != "reference")
    found = compare_exercise(exercise, {**alike, "own": texts[other]}, given_code(ROOT, SESSION, exercise))
    assert len(found.pairs) == 210 and min(p.score for p in found.pairs if "own" not in (p.a, p.b)) > 0.9
    assert found.threshold > 1.0 and found.flagged == []


def test_fingerprints_are_the_same_in_every_process():
    """copydetect hashes k-grams with Python's per-process salted ``hash``; the kit's fingerprints
    do not depend on it (two interpreters with different PYTHONHASHSEED agree)."""
    import os
    import subprocess
    import sys

    code = ("import sys; from coursekit.similarity.compare import fingerprint; "
            "print(sorted(int(h) for h in fingerprint(open(sys.argv[1]).read()).hashes))")
    path = str(ROOT / "reference" / SESSION / "ex01_simple_mlp.py")
    runs = [subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert runs[0] == runs[1] and len(runs[0]) > 100
