"""Build an nbgrader course folder from course_config.py, the stubs, the reference
and the graders: one source notebook per session, and nbgrader_config.py.

Notebook layout per exercise: the stub's docstring as markdown (headings, code, lists); one autograded-answer
cell (the reference, each body between BEGIN/END SOLUTION, so the release shows the
signatures and a `raise NotImplementedError()` per body); one read-only test cell per
check, worth that check's points, calling the same check function as pytest (hidden
checks inside BEGIN/END HIDDEN TESTS). No .py file of reference/ or graders/hidden/ is
copied into the course's source folder: nbgrader would release it verbatim.
"""
from __future__ import annotations

import ast
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from coursekit.config import Course, Session, load_course
from coursekit.specmarkdown import spec_markdown

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def _meta(grade_id: str, *, solution=False, grade=False, locked=False, points=0) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def _solution_spans(tree: ast.Module) -> list[tuple[int, int]]:
    """1-based (first, last) line spans to hide: function bodies, private helpers,
    and statements other than imports, classes and functions."""
    spans = []

    def body_span(fn):
        body = fn.body
        if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(
                getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str):
            body = body[1:]  # keep the function's own docstring visible
        if fn.name == "__init__" and len(body) > 1 and ast.unparse(body[0]) == "super().__init__()":
            body = body[1:]  # as in the stub
        return body[0].lineno, fn.end_lineno

    def visit(nodes, top):
        for i, node in enumerate(nodes):
            if top and i == 0 and isinstance(node, ast.Expr) and isinstance(
                    getattr(node, "value", None), ast.Constant):
                continue  # the module docstring is dropped separately
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                private = node.name.startswith("_") and not node.name.startswith("__")
                first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
                spans.append((first, node.end_lineno) if private else body_span(node))
            elif isinstance(node, ast.ClassDef):
                if node.name.startswith("_"):
                    spans.append((node.lineno, node.end_lineno))
                else:
                    visit(node.body, False)
            else:
                spans.append((node.lineno, node.end_lineno))

    visit(tree.body, True)
    return spans


def answer_source(reference_source: str) -> str:
    """The reference with its module docstring dropped and every solution span marked."""
    tree = ast.parse(reference_source)
    lines = reference_source.splitlines()
    for first, last in sorted(_solution_spans(tree), reverse=True):
        indent = lines[first - 1][: len(lines[first - 1]) - len(lines[first - 1].lstrip())]
        lines[last:last] = [indent + END]
        lines[first - 1:first - 1] = [indent + BEGIN]
    doc = tree.body[0] if tree.body and isinstance(tree.body[0], ast.Expr) else None
    if doc is not None and isinstance(getattr(doc, "value", None), ast.Constant):
        del lines[doc.lineno - 1:doc.end_lineno]
    return "\n".join(lines).strip() + "\n"


def session_notebook(root: Path, course: Course, session: Session):
    cells = [
        new_markdown_cell(f"# {session.id}: {session.title}\n\n"
                          "Fill in every cell marked `YOUR CODE HERE`, following the spec above "
                          "it. Each test cell below an exercise is one graded check; run them "
                          "to grade yourself. Hidden checks are added when your work is graded.",
                          metadata=_meta(f"{session.id}_intro", locked=True)),
        new_code_cell("from coursekit.notebook import grade_check",
                      metadata=_meta(f"{session.id}_setup", locked=True)),
    ]
    for exercise in session.exercises:
        stub = (root / "exercises" / session.id / f"{exercise.id}.py").read_text()
        spec = ast.get_docstring(ast.parse(stub)) or ""
        reference = (root / "reference" / session.id / f"{exercise.id}.py").read_text()
        cells.append(new_markdown_cell(f"## {exercise.id}: {exercise.title}\n\n{spec_markdown(spec)}",
                                       metadata=_meta(f"{exercise.id}_spec", locked=True)))
        cells.append(new_code_cell(answer_source(reference),
                                   metadata=_meta(f"{exercise.id}_answer", solution=True)))
        for check in sorted(exercise.checks, key=lambda c: c.hidden):
            call = f'grade_check("{session.id}", "{exercise.id}", "{check.name}")'
            source = f"{BEGIN_HIDDEN}\n{call}\n{END_HIDDEN}" if check.hidden else call
            cells.append(new_code_cell(source, metadata=_meta(
                f"{exercise.id}__{check.name}", grade=True, locked=True, points=check.points)))
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    return nb


NBGRADER_CONFIG = '''"""nbgrader settings for the course, written by `coursekit build-course`."""
from pathlib import Path

here = Path(__file__).resolve().parent
c = get_config()  # noqa: F821
c.CourseDirectory.root = str(here)
c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.db_url = {db_url}
c.Exchange.root = str(here / "exchange")
c.Exchange.cache = str(here / "exchange-cache")
# One machine user submits for every student in this embedded default.
c.ExchangeCollect.check_owner = False
# Each test cell runs one check, which has its own time limit ({check_timeout}s);
# the cell limit is the backstop for code that ignores it.
c.Execute.timeout = {cell_timeout}
c.Execute.interrupt_on_timeout = True
# Every output is in before the kernel goes, so it is killed at once: a graceful shutdown
# waited 1-3 s per notebook for nothing.
c.Execute.shutdown_kernel = "immediate"
# Feedback shows each failed check's message, never a hidden check's source.
# At the top of each feedback page, a report card: per exercise the points and every
# failed check's message, with links down to the exercise.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "coursekit.reports.feedback.ReportCard",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "nbgrader.preprocessors.ClearHiddenTests",
]
'''


SQLITE_GRADEBOOK = "f\"sqlite:///{here / 'gradebook.db'}\""  # the embedded default


def build_course(root: Path, out: Path, db_url: str | None = None) -> Path:
    """Write ``out/nbgrader_config.py`` and ``out/source/<session>/<session>.ipynb``.

    The gradebook is SQLite in the course folder unless ``db_url`` names a database
    server (e.g. ``postgresql://user@host:5432/gradebook``).
    """
    root, out = Path(root), Path(out)
    course = load_course(root)
    out.mkdir(parents=True, exist_ok=True)
    (out / "nbgrader_config.py").write_text(NBGRADER_CONFIG.format(
        course_id=course.id, check_timeout=course.check_timeout_s,
        cell_timeout=course.cell_timeout_s, db_url=repr(db_url) if db_url else SQLITE_GRADEBOOK))
    for session in course.sessions:
        folder = out / "source" / session.id
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(session_notebook(root, course, session), folder / f"{session.id}.ipynb")
    return out


def gradebook_url(course_dir: Path) -> str:
    """The gradebook's database URL, read from the course's ``nbgrader_config.py`` as
    nbgrader reads it."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course_dir)).load_config()
    return config.CourseDirectory.db_url
