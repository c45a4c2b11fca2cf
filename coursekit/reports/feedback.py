"""The report card at the top of nbgrader's feedback (``nbgrader generate_feedback``).

:class:`ReportCard` is a preprocessor listed in ``c.GenerateFeedback.preprocessors``
after nbgrader's ``GetGrades``, which writes each test cell's score and points (from
the gradebook) into its metadata, and before ``ClearHiddenTests`` (a hidden check is
marked as such). From the graded notebook it builds the same report
dict as the pytest plugin (a test cell's ``grade_id`` is ``<exercise>__<check>``; a
failed check's message is the ``CheckFailed`` error its cell shows), inserts the card
as the first cell and an anchor above each exercise's spec. The card shows a hidden
check's name, points and message, never its code.
"""
from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_markdown_cell
from traitlets import Bool

from coursekit.reports.card import anchor, card_html

HIDDEN_MARK = "BEGIN HIDDEN TESTS"
HEADING = re.compile(r"^#+\s*([^:\n]+):\s*(.*)$", re.M)
FAILED_HEAD = re.compile(r"^\[([^\]]+)\]\s+\S+\s*$")
# nbgrader's list of every test cell's score, above the card, says less than the card
HIDE_CELL_LIST = "<style>#toc{display:none}</style>"


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _text_outputs(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def check_outcome(cell) -> tuple[str, str, str]:
    """(status, reason, message) of a test cell, from what it printed or raised."""
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        error = errors[-1]
        if error.get("ename") == "CheckFailed":
            head, _, message = error.get("evalue", "").partition("\n")
            found = FAILED_HEAD.match(head)
            return "failed", found.group(1) if found else "failed", message if found else error["evalue"]
        return "failed", "raised", f"{error.get('ename', 'error')}: {error.get('evalue', '')}".strip()
    name = _nbgrader(cell).get("grade_id", "").split("__", 1)[-1]
    for line in _text_outputs(cell).splitlines():
        if line.startswith(f"{name}: skipped"):
            return "skipped", "skipped", line.split("skipped", 1)[1].strip(" ()")
    return "passed", "", ""


def notebook_report(nb, student: str = "") -> dict:
    """The report dict (as :func:`coursekit.scoring.build_report`) of a graded notebook
    whose test cells hold nbgrader's ``score`` and ``points``."""
    session = {"id": "", "title": "", "exercises": []}
    titles, exercises = {}, {}
    for cell in nb.cells:
        meta = _nbgrader(cell)
        grade_id = meta.get("grade_id", "")
        if cell.cell_type == "markdown" and grade_id.endswith("_intro"):
            found = HEADING.search(cell.source)
            if found:
                session["id"], session["title"] = found.group(1).strip(), found.group(2).strip()
        elif cell.cell_type == "markdown" and grade_id.endswith("_spec"):
            found = HEADING.search(cell.source)
            titles[grade_id[: -len("_spec")]] = found.group(2).strip() if found else ""
        elif meta.get("grade") and "__" in grade_id:
            exercise_id, check = grade_id.split("__", 1)
            status, reason, message = check_outcome(cell)
            points = float(meta.get("points") or 0.0)
            earned = float(meta.get("score") or 0.0)
            if status == "passed" and earned < points:  # the gradebook has the last word
                status, reason, message = "failed", "no points", "this check's cell earned no points"
            exercises.setdefault(exercise_id, []).append({
                "check": check, "points": points, "earned": earned, "hidden": HIDDEN_MARK in cell.source,
                "status": status, "reason": reason, "message": message})
    for exercise_id, checks in exercises.items():
        scored = [c for c in checks if c["status"] != "skipped"]
        session["exercises"].append({
            "id": exercise_id, "title": titles.get(exercise_id, ""), "checks": checks,
            "earned": sum(c["earned"] for c in checks), "possible": sum(c["points"] for c in scored),
            "not_run_hidden_points": 0.0})
    session["earned"] = sum(e["earned"] for e in session["exercises"])
    session["possible"] = sum(e["possible"] for e in session["exercises"])
    return {"course": "", "solution": student, "earned": session["earned"],
            "possible": session["possible"], "sessions": [session] if session["exercises"] else []}


class ReportCard(Preprocessor):
    """Insert the report card as the feedback's first cell, and an anchor per exercise."""

    enabled = Bool(True, help="Whether feedback starts with the report card").tag(config=True)

    def preprocess(self, nb, resources):
        student = resources.get("nbgrader", {}).get("student", "")
        report = notebook_report(nb, student)
        for cell in nb.cells:
            grade_id = _nbgrader(cell).get("grade_id", "")
            if cell.cell_type == "markdown" and grade_id.endswith("_spec"):
                cell.source = f'<a id="{anchor(grade_id[: -len("_spec")])}"></a>\n\n{cell.source}'
        title = f"Report card: {student}" if student else "Report card"
        nb.cells.insert(0, new_markdown_cell(HIDE_CELL_LIST + "\n" + card_html(report, title)))
        return nb, resources
