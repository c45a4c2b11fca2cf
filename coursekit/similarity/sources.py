"""Each student's code per exercise, and the code every student was given.

Two layouts are read: a folder of students laid out like ``exercises/``
(``STUDENT/SESSION/EXERCISE.py``), and nbgrader's ``submitted/`` (``STUDENT/ASSIGNMENT/
ASSIGNMENT.ipynb``, the exercise's answer cell the one whose grade id is
``EXERCISE_answer``). The given code is the exercise's stub module and the answer cell as
released (the reference's skeleton, each solution replaced by nbgrader's release).
"""
from __future__ import annotations

from pathlib import Path

from coursekit.nbbuild import answer_source

def released_answer(root: Path, session_id: str, exercise_id: str) -> str:
    """The answer cell of the released notebook: the source cell with its solution regions
    replaced by nbgrader's own ``ClearSolutions``, as ``nbgrader generate_assignment`` does."""
    from nbformat.v4 import new_code_cell
    from nbgrader.preprocessors import ClearSolutions

    marked = answer_source((root / "reference" / session_id / f"{exercise_id}.py").read_text())
    cell = new_code_cell(marked, metadata={"nbgrader": {"solution": True, "grade": False, "locked": False,
                                                        "grade_id": f"{exercise_id}_answer",
                                                        "schema_version": 3}})
    cell, _ = ClearSolutions().preprocess_cell(cell, {"language": "python"}, 0)
    return cell.source if cell.source.endswith("\n") else cell.source + "\n"


def given_code(root: Path, session_id: str, exercise_id: str) -> list[str]:
    """What every student of the exercise started from: the stub module and the released cell."""
    stub = (root / "exercises" / session_id / f"{exercise_id}.py").read_text()
    return [stub, released_answer(root, session_id, exercise_id)]


def _notebook_answers(path: Path) -> dict[str, str]:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    answers = {}
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if cell.cell_type == "code" and grade_id.endswith("_answer"):
            answers[grade_id[: -len("_answer")]] = cell.source
    return answers


def read_class(folder: Path, session) -> dict[str, dict[str, str]]:
    """{exercise id: {student: source}} for one session (a capstone's modules are its exercises).

    A student without the exercise's file, or whose notebook lacks its cell, is absent; an
    unreadable notebook counts as empty answers."""
    folder = Path(folder)
    ids = [e.id for e in session.exercises]
    found: dict[str, dict[str, str]] = {e: {} for e in ids}
    for student in sorted(p for p in folder.iterdir() if p.is_dir()):
        notebook = student / session.id / f"{session.id}.ipynb"
        if notebook.is_file():
            try:
                answers = _notebook_answers(notebook)
            except Exception:  # noqa: BLE001 - a broken notebook is read as no answers
                answers = dict.fromkeys(ids, "")
            for e in ids:
                if e in answers:
                    found[e][student.name] = answers[e] or ""
            continue
        for e in ids:
            path = student / session.id / f"{e}.py"
            if path.is_file():
                found[e][student.name] = path.read_text(errors="replace")
    return found
