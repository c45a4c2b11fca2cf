"""The instructor's class report: one self-contained HTML page per graded assignment.

Scores per exercise (figure and table), every check's failure rate, the most common
failure messages per check (numbers replaced by ``#`` so that one mistake counts once),
the submissions that crashed, hung or were flagged, every student's points, and the
grading time. Numbers come from the gradebook; messages and times from the autograded
notebooks. Figures are inline PNG: no script, no network.
"""
from __future__ import annotations

import html
from pathlib import Path

from coursekit.reports import class_figures as figures
from coursekit.reports.class_results import ClassResults, collect
from coursekit.reports.class_stats import check_stats, exercise_stats, problems, timing

DEFINITIONS = {
    "crashed": "an answer cell raised an error (a stub's NotImplementedError aside), the "
               "student's code called sys.exit during a check, or the kernel died (an exception "
               "raised inside a check is a failed check, shown with its message above)",
    "hung": "a check ran past its time limit, a cell ran past nbgrader's time limit, or autograde "
            "left no graded copy of the notebook",
    "flagged": "graded, but worth a look: test cells were edited (nbgrader graded its own copy), "
               "a test cell failed with an error that is not a check's verdict (so not the "
               "behaviour of the student's code), or a grade needs a person",
}

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2em auto;
max-width:1100px;padding:0 1em;color:#222;line-height:1.4}
h1{margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.8em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#666}.bad{color:#b00}.ok{color:#070}img{max-width:100%}
pre{white-space:pre-wrap;margin:0;font-size:.85em}nav a{margin-right:1em}
.kpi{display:inline-block;border:1px solid #ddd;border-radius:6px;padding:.4em .9em;margin:.2em}
.kpi b{font-size:1.4em;display:block}
"""


def _f(x: float) -> str:
    return f"{round(x, 3):g}"


def _e(text) -> str:
    return html.escape(str(text))


def _figure(uri: str, alt: str) -> str:
    return f'<p><img src="{uri}" alt="{_e(alt)}"></p>'


def _exercise_section(rows) -> str:
    head = ("<tr><th>exercise</th><th>points</th><th>mean</th><th>median</th><th>min</th>"
            "<th>max</th><th>full marks</th></tr>")
    body = "".join(
        f'<tr data-exercise="{_e(r["exercise"])}"><td>{_e(r["exercise"])}</td>'
        f'<td class="num">{_f(r["max"])}</td><td class="num mean">{r["mean"]:.2f}</td>'
        f'<td class="num">{_f(r["median"])}</td><td class="num">{_f(r["min"])}</td>'
        f'<td class="num">{_f(r["max_seen"])}</td><td class="num full">{r["full_marks"]}</td></tr>'
        for r in rows)
    return ('<h2 id="exercises">Score distribution per exercise</h2>'
            + _figure(figures.score_distribution(rows), "scores per exercise")
            + f'<table class="exercises">{head}{body}</table>')


def _check_section(rows) -> str:
    head = "<tr><th>check</th><th>points</th><th>failed</th><th>rate</th></tr>"
    body = "".join(
        f'<tr data-check="{_e(r["exercise"])}__{_e(r["check"])}"><td>{_e(r["exercise"])} / '
        f'{_e(r["check"])}</td><td class="num">{_f(r["points"])}</td>'
        f'<td class="num failed">{r["failed"]}</td><td class="num">{100 * r["rate"]:.0f}%</td></tr>'
        for r in rows)
    return ('<h2 id="checks">Failure rate of every check</h2>'
            + _figure(figures.failure_rates(rows), "failure rate per check")
            + f'<details><summary>the same as a table</summary><table class="checks">{head}{body}'
              "</table></details>")


def _message_section(rows) -> str:
    failing = [r for r in rows if r["failed"]]
    if not failing:
        return '<h2 id="messages">Most common failure messages</h2><p>No check failed.</p>'
    head = "<tr><th>check</th><th>students</th><th>message (numbers as #)</th><th>who</th></tr>"
    body = []
    for r in failing:
        for i, m in enumerate(r["messages"]):
            first = (f'<td rowspan="{len(r["messages"])}">{_e(r["exercise"])} / {_e(r["check"])}'
                     f'<br><span class="muted">{r["failed"]} failed, {r["distinct_messages"]} '
                     f"distinct</span></td>") if i == 0 else ""
            who = ", ".join(m["students"][:5]) + (f" and {len(m['students']) - 5} more"
                                                   if len(m["students"]) > 5 else "")
            body.append(f"<tr>{first}<td class=\"num\">{m['count']}</td><td><pre>{_e(m['text'])}</pre>"
                        f"</td><td class=\"muted\">{_e(who)}</td></tr>")
    return ('<h2 id="messages">Most common failure messages per check</h2>'
            '<p class="muted">Up to three per check, most common first; numbers in a message are '
            "replaced by # so that the same mistake with other values counts once.</p>"
            f'<table class="messages">{head}{"".join(body)}</table>')


def _problem_section(found) -> str:
    parts = ['<h2 id="problems">Submissions that crashed, hung or were flagged</h2>']
    for kind, students in found.items():
        parts.append(f'<h3>{kind.capitalize()}: {len(students)}</h3>'
                     f'<p class="muted">{_e(DEFINITIONS[kind])}.</p>')
        if students:
            rows = "".join(f'<tr data-{kind}="{_e(s)}"><td>{_e(s)}</td><td><pre>'
                           f'{_e(chr(10).join(what))}</pre></td></tr>' for s, what in students.items())
            parts.append(f'<table class="{kind}"><tr><th>student</th><th>what happened</th></tr>'
                         f"{rows}</table>")
    return "".join(parts)


def _student_section(results: ClassResults) -> str:
    exercises = results.exercises
    head = ("<tr><th>student</th>" + "".join(f"<th>{_e(e.split('_')[0])}</th>" for e in exercises)
            + f"<th>total /{_f(results.max_total)}</th><th>failed checks</th></tr>")
    rows = []
    for sid, s in sorted(results.students.items(), key=lambda kv: (-kv[1].total, kv[0])):
        cells = "".join(f'<td class="num" data-exercise="{_e(e)}">{_f(s.exercise_points(e))}</td>'
                        for e in exercises)
        failed = sum(not c.passed for c in s.checks.values())
        rows.append(f'<tr data-student="{_e(sid)}"><td>{_e(sid)}</td>{cells}'
                    f'<td class="num total">{_f(s.total)}</td><td class="num">{failed}</td></tr>')
    maxima = "".join(f"<td class=\"num\">{_f(results.exercise_max(e))}</td>" for e in exercises)
    return ('<h2 id="students">Every student</h2>'
            + _figure(figures.total_histogram([s.total for s in results.students.values()],
                                              results.max_total), "total points")
            + f'<details{" open" if len(results.students) <= 40 else ""}><summary>'
              f"{len(results.students)} students, highest total first</summary>"
              f'<table class="students">{head}<tr class="muted"><td>points</td>{maxima}<td></td><td></td>'
              f"</tr>{''.join(rows)}</table></details>")


def _timing_section(t) -> str:
    if not t["seconds"]:
        return '<h2 id="time">Grading time</h2><p>No grading time was recorded.</p>'
    slow = "".join(f"<tr><td>{_e(e)} / {_e(c)}</td><td class=\"num\">{s:.1f}</td></tr>"
                   for (e, c), s in t["slowest_checks"])
    slow_table = (f"<p>Slowest checks, summed over the class (test cell run times):</p>"
                  f'<table class="slowest"><tr><th>check</th><th>seconds</th></tr>{slow}</table>'
                  if slow else "")
    return ('<h2 id="time">Grading time</h2>'
            f'<p>Source: {_e(t["source"])}. Total <b class="time-total">{t["total"]:.1f} s</b>, '
            f'mean {t["mean"]:.1f} s per student, longest {t["max"]:.1f} s.</p>'
            + _figure(figures.grading_time(t["seconds"]), "grading time") + slow_table)


def render(results: ClassResults, title: str | None = None) -> str:
    """The whole page as a string."""
    ex_rows, ck_rows = exercise_stats(results), check_stats(results)
    found, t = problems(results), timing(results)
    n = len(results.students)
    totals = [s.total for s in results.students.values()]
    mean = sum(totals) / n if n else 0.0
    title = title or f"Class report: {results.assignment}"
    kpis = "".join(f'<span class="kpi {cls}"><b>{value}</b>{label}</span>' for cls, value, label in [
        ("students", n, "students"), ("mean-total", f"{mean:.2f} / {_f(results.max_total)}", "mean total"),
        ("checks", len(results.checks), "checks"),
        *((kind, len(found[kind]), kind) for kind in found)])
    nav = "".join(f'<a href="#{a}">{label}</a>' for a, label in [
        ("exercises", "scores"), ("checks", "failure rates"), ("messages", "messages"),
        ("problems", "crashed / hung / flagged"), ("students", "students"), ("time", "grading time")])
    body = (f"<h1>{_e(title)}</h1><nav>{nav}</nav><p>{kpis}</p>"
            + _exercise_section(ex_rows) + _check_section(ck_rows) + _message_section(ck_rows)
            + _problem_section(found) + _student_section(results) + _timing_section(t))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            f"<style>{CSS}</style></head><body>{body}</body></html>\n")


def write_class_report(course_dir: Path, assignment: str, out: Path | None = None,
                       seconds: dict[str, float] | None = None,
                       seconds_source: str = "measured by the caller") -> Path:
    """Write the class report of ``assignment`` (default: ``course_dir/reports/<assignment>.html``).

    ``seconds``: each student's grading time when the caller measured it (the round trip
    times each ``nbgrader autograde``); else the autograded notebooks' cell run times."""
    results = collect(Path(course_dir), assignment, seconds, seconds_source)
    out = Path(out) if out else Path(course_dir) / "reports" / f"{assignment}.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(results), encoding="utf-8")
    return out
