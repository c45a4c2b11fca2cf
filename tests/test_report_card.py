"""The student's report card: from a grade report, from a graded notebook, and the specs
as Markdown (fast: synthetic data, one pytest run of one grader file)."""
import json
import os
import subprocess
import sys

import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from coursekit.reports.card import card_html, card_page, message_lines, write_card
from coursekit.reports.feedback import ReportCard, notebook_report
from coursekit.specmarkdown import spec_markdown
from card_page import card_numbers
from kit import ROOT

MESSAGE = "expected: output shape (32,)\nfound:    shape (32, 1)\nhint:     squeeze the last dimension"


def _check(name, points, status="passed", reason="", message="", hidden=False):
    return {"check": name, "points": points, "hidden": hidden, "status": status,
            "reason": reason, "message": message}


def synthetic_report():
    checks_a = [_check("shapes", 2), _check("forward", 3, "failed", "wrong behaviour", MESSAGE),
                _check("trusted_loop", 1.5, "failed", "timed out", "timed out: <loop> & more", hidden=True),
                _check("cuda_parity", 0, "skipped", "skipped", "no GPU here")]
    checks_b = [_check("counts", 1), _check("table", 2)]
    checks_c = [_check("encode", 1, "failed", "not implemented yet", "not implemented yet: a stub"),
                _check("decode", 2, "failed", "not implemented yet", "not implemented yet: a stub")]
    exercises = [
        {"id": "ex01_mlp", "title": "An MLP", "earned": 2.0, "possible": 6.5, "not_run_hidden_points": 0.0,
         "checks": checks_a},
        {"id": "ex02_counts", "title": "Counts", "earned": 3.0, "possible": 3.0, "not_run_hidden_points": 2.0,
         "checks": checks_b},
        {"id": "ex03_codes", "title": "Codes", "earned": 0.0, "possible": 3.0, "not_run_hidden_points": 0.0,
         "checks": checks_c},
    ]
    return {"course": "c", "solution": "alice", "earned": 5.0, "possible": 12.5,
            "sessions": [{"id": "session03", "title": "MLPs", "earned": 5.0, "possible": 12.5,
                          "exercises": exercises}]}


def test_card_shows_points_failures_and_links_per_exercise():
    html = card_html(synthetic_report())
    assert card_numbers(html) == {"ex01_mlp": (2, 6.5), "ex02_counts": (3, 3), "ex03_codes": (0, 3),
                                  "TOTAL": (5, 12.5)}
    for ex in ("ex01_mlp", "ex02_counts", "ex03_codes"):
        assert f'href="#ex-{ex}"' in html
    # each failed check by name, with expected / found / hint on lines of their own
    assert ">forward</span>" in html and ">trusted_loop</span>" in html and "hidden</span>" in html
    assert '<span class="ck-label">expected:</span>output shape (32,)' in html
    assert '<div class="ck-hint"><span class="ck-label">hint:</span>squeeze the last dimension' in html
    assert ">shapes</span>" not in html  # passed checks are not listed in the summary
    assert "every check passed" in html  # ex02
    assert "NOT STARTED (2 checks, not implemented yet)" in html  # ex03: one line
    assert "&lt;loop&gt; &amp; more" in html and "<loop>" not in html
    assert "worth 2 points were not run here" in html
    assert "\n\n" not in html  # one HTML block inside a markdown cell


def test_page_has_a_section_per_exercise_with_every_check(tmp_path):
    page = write_card(synthetic_report(), tmp_path / "card.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "http" not in page
    for ex in ("ex01_mlp", "ex02_counts", "ex03_codes"):
        assert page.count(f'id="ex-{ex}"') == 1
    assert card_numbers(page)["TOTAL"] == (5, 12.5)
    section = page[page.index('id="ex-ex01_mlp"'):page.index('id="ex-ex02_counts"')]
    for name in ("shapes", "forward", "trusted_loop", "cuda_parity"):
        assert f'data-check="{name}"' in section
    assert "skipped" in section and "no GPU here" in section
    assert card_page(synthetic_report()) == page


def test_message_lines_label_expected_found_hint():
    assert message_lines(MESSAGE + "\n  wrapped") == [
        ("expected", "output shape (32,)"), ("found", "shape (32, 1)"),
        ("hint", "squeeze the last dimension"), ("", "  wrapped")]
    assert message_lines("your code raised ValueError: x") == [("", "your code raised ValueError: x")]


def _graded_notebook():
    def test_cell(grade_id, points, score, outputs, hidden=False):
        call = f'grade_check("session03", "{grade_id.split("__")[0]}", "{grade_id.split("__")[1]}")'
        source = f"### BEGIN HIDDEN TESTS\n{call}\n### END HIDDEN TESTS" if hidden else call
        cell = new_code_cell(source, outputs=outputs)
        cell.metadata["nbgrader"] = {"grade": True, "grade_id": grade_id, "locked": True,
                                     "points": points, "score": score, "solution": False}
        return cell

    def md(source, grade_id):
        cell = new_markdown_cell(source)
        cell.metadata["nbgrader"] = {"grade": False, "grade_id": grade_id, "locked": True}
        return cell

    failed = new_output("error", ename="CheckFailed", evalue=f"[wrong behaviour] forward\n{MESSAGE}",
                        traceback=["CheckFailed: [wrong behaviour] forward"])
    timed_out = new_output("error", ename="CheckFailed",
                           evalue="[timed out] trusted_loop\ntimed out: the check ran past 10 s",
                           traceback=[])
    return new_notebook(cells=[
        md("# session03: MLPs\n\nFill in every cell.", "session03_intro"),
        md("## ex01_mlp: An MLP\n\nThe spec.", "ex01_mlp_spec"),
        test_cell("ex01_mlp__shapes", 2, 2, [new_output("stream", name="stdout", text="shapes: passed\n")]),
        test_cell("ex01_mlp__forward", 3, 0, [failed]),
        test_cell("ex01_mlp__trusted_loop", 1.5, 0, [timed_out], hidden=True),
        test_cell("ex01_mlp__cuda_parity", 0, 0, [new_output(
            "stream", name="stdout", text="cuda_parity: skipped (no GPU here)\n")]),
        md("## ex02_counts: Counts\n\nThe spec.", "ex02_counts_spec"),
        test_cell("ex02_counts__counts", 1, 1, []),
        test_cell("ex02_counts__table", 2, 2, []),
    ])


def test_graded_notebook_gives_the_report_of_its_cells():
    report = notebook_report(_graded_notebook(), "alice")
    (session,) = report["sessions"]
    assert (session["id"], session["title"]) == ("session03", "MLPs")
    ex1, ex2 = session["exercises"]
    assert (ex1["id"], ex1["title"], ex1["earned"], ex1["possible"]) == ("ex01_mlp", "An MLP", 2, 6.5)
    assert (ex2["earned"], ex2["possible"]) == (3, 3)
    checks = {c["check"]: c for c in ex1["checks"]}
    assert checks["forward"]["status"] == "failed" and checks["forward"]["message"] == MESSAGE
    assert checks["forward"]["reason"] == "wrong behaviour"
    assert checks["trusted_loop"]["hidden"] and checks["trusted_loop"]["reason"] == "timed out"
    assert checks["cuda_parity"]["status"] == "skipped"
    assert (report["earned"], report["possible"]) == (5, 9.5)


def test_feedback_preprocessor_puts_the_card_first_and_anchors_each_exercise():
    nb, _ = ReportCard().preprocess(_graded_notebook(), {"nbgrader": {"student": "alice"}})
    card = nb.cells[0].source
    assert nb.cells[0].cell_type == "markdown" and "Report card: alice" in card
    assert card_numbers(card) == {"ex01_mlp": (2, 6.5), "ex02_counts": (3, 3), "TOTAL": (5, 9.5)}
    assert "BEGIN HIDDEN" not in card and "grade_check" not in card  # never a check's code
    assert "trusted_loop" in card and "ran past 10 s" in card
    specs = [c.source for c in nb.cells if c.cell_type == "markdown"][1:]
    assert specs[1].startswith('<a id="ex-ex01_mlp"></a>')
    assert specs[2].startswith('<a id="ex-ex02_counts"></a>')
    html = markdown2html_mistune(card)  # what nbconvert makes of the cell: the HTML, untouched
    assert card_numbers(html) == card_numbers(card) and "<table" in html and "&lt;table" not in html


SPEC = """Session 3, exercise 1: a two-layer MLP.

Task 1: ``SimpleMLP(a, b)``
---------------------------
A subclass of ``nn.Module`` with **exactly** these attributes, and *no* others (as in ``f(a,
b)``):

- ``self.fc1 = nn.Linear(a, b)``
- ``self.fc2`` maps ``b`` to 1, 3*10 + 10 weights
  (continued), and __init__ <first>

For example::

    tensor([[1., 0.],   # A
            [0., 1.]])  # C

What the graders check
~~~~~~~~~~~~~~~~~~~~~~
# the layers
"""


def test_spec_becomes_markdown_headings_code_and_lists():
    md = spec_markdown(SPEC)
    assert "### Task 1: `SimpleMLP(a, b)`" in md and "#### What the graders check" in md
    assert "- `self.fc1 = nn.Linear(a, b)`" in md and "(as in `f(a, b)`):" in md  # a span across lines
    assert "**exactly**" in md and "*no*" in md and r"3\*10" in md and r"\_\_init\_\_ \<first>" in md
    assert "For example:\n\n```text\ntensor([[1., 0.],   # A\n        [0., 1.]])  # C\n```" in md
    assert "\n\\# the layers" in md
    html = markdown2html_mistune(md)
    assert "<h3" in html and "<h4" in html and "<li><code>self.fc1 = nn.Linear(a, b)</code></li>" in html
    assert "<strong>exactly</strong>" in html and "<em>no</em>" in html and "3*10" in html
    assert "__init__ &lt;first&gt;" in html and "<pre>" in html and "<h1" not in html


def test_every_spec_renders_without_a_literal_text_block():
    import ast

    for stub in sorted((ROOT / "exercises").glob("session*/ex*.py")):
        spec = ast.get_docstring(ast.parse(stub.read_text()))
        md = spec_markdown(spec)
        assert "``" not in md.replace("```", ""), stub.name
        assert "<h3" in markdown2html_mistune(md), stub.name


def test_a_literal_block_in_a_list_item_ends_where_the_item_text_resumes():
    doc = "- Drawn with one call, exactly::\n\n      eps = torch.randn(n)\n\n  (not ``randn_like``).\n"
    md = spec_markdown(doc)
    assert "```text\neps = torch.randn(n)\n```" in md
    assert "(not `randn_like`)." in md


@pytest.mark.timeout(120)
def test_pytest_grade_report_html_is_the_card_of_the_json_report(tmp_path):
    grader = "graders/session03/test_ex01_simple_mlp.py"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for name in ("report.json", "report.html"):
        proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "0", grader,
                               f"--grade-report={tmp_path / name}"], cwd=ROOT, env=env,
                              capture_output=True, text=True)
        assert (tmp_path / name).is_file(), proc.stdout[-3000:]
    report = json.loads((tmp_path / "report.json").read_text())
    html = (tmp_path / "report.html").read_text()
    assert "report card written to" in proc.stdout
    (session,) = report["sessions"]
    (exercise,) = session["exercises"]
    assert card_numbers(html) == {"ex01_simple_mlp": (exercise["earned"], exercise["possible"]),
                                  "TOTAL": (report["earned"], report["possible"])}
    assert html == card_page(report)


@pytest.mark.timeout(180)
def test_card_page_renders_in_chromium_and_the_screenshot_command_saves_it(tmp_path):
    import browser
    from coursekit.cli import main

    browser.require()
    page = write_card(synthetic_report(), tmp_path / "card.html")
    dom = browser.dump_dom(page)
    assert card_numbers(dom) == card_numbers(page.read_text())
    assert main(["screenshot", str(page), str(tmp_path / "card.png"), "--size", "1000,800"]) == 0
    assert (tmp_path / "card.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
