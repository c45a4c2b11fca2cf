"""A student's report card as self-contained HTML, from a grade report dict.

The dict is the one :func:`coursekit.scoring.build_report` returns (sessions ->
exercises -> checks with status, reason, message, points). A check may also carry
``earned`` (nbgrader's score for its cell); without it a passed check earns its points.

:func:`card_html` is the summary (a table per exercise: points, every failed check by
name with its expected / found / hint, links to each exercise's section, the total);
:func:`card_page` is a whole page: the summary, then a section per exercise.
No JavaScript, no network: one inline style sheet.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from coursekit.scoring import fmt, not_started

LABELS = ("expected", "found", "hint")

STYLE = """
.ck-card{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:14px;
 color:#1f2328;max-width:960px;line-height:1.4}
.ck-card h2{font-size:20px;margin:0 0 6px}
.ck-card .ck-total{font-size:16px;margin:4px 0 12px}
.ck-card table{border-collapse:collapse;width:100%;margin:0 0 14px}
.ck-card th,.ck-card td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
.ck-card th{background:#f6f8fa}
.ck-card td.ck-points,.ck-card th.ck-points{text-align:right;white-space:nowrap;width:7em}
.ck-card tr.ck-full td.ck-points{color:#1a7f37;font-weight:600}
.ck-card tr.ck-part td.ck-points{color:#9a6700;font-weight:600}
.ck-card tr.ck-zero td.ck-points{color:#cf222e;font-weight:600}
.ck-card tr.ck-total-row td{font-weight:700;background:#f6f8fa}
.ck-card ul.ck-fails{margin:4px 0 0;padding-left:18px}
.ck-card ul.ck-fails li{margin:4px 0}
.ck-card .ck-check{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-weight:600}
.ck-card .ck-reason{color:#57606a}
.ck-card .ck-hidden{font-size:12px;color:#8250df;border:1px solid #d8b9ff;border-radius:8px;padding:0 5px}
.ck-card .ck-msg{margin:2px 0 0;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
 font-size:12.5px;white-space:pre-wrap;word-break:break-word}
.ck-card .ck-msg .ck-label{display:inline-block;width:6.5em;color:#57606a}
.ck-card .ck-msg .ck-hint{color:#0550ae}
.ck-card .ck-ok{color:#1a7f37}
.ck-card .ck-skip{color:#57606a}
.ck-card section{margin-top:20px}
"""


def anchor(exercise_id: str) -> str:
    """The id of an exercise's section (on the page and in the feedback notebook)."""
    return f"ex-{exercise_id}"


def check_earned(check: dict) -> float:
    if "earned" in check:
        return float(check["earned"] or 0.0)
    return float(check["points"]) if check["status"] == "passed" else 0.0


def message_lines(message: str) -> list[tuple[str, str]]:
    """``(label, text)`` per line; ``label`` is expected / found / hint, or '' for other
    lines (a continuation of the line above, or a message that is not in that form)."""
    lines = []
    for line in message.splitlines():
        head, sep, rest = line.partition(":")
        if sep and head.strip() in LABELS and not line.startswith(" "):
            lines.append((head.strip(), rest.strip()))
        else:
            lines.append(("", line))
    return lines


def _message_html(message: str) -> str:
    """One ``div`` per line, no blank line (the card also sits in a markdown cell)."""
    rows = []
    for label, text in message_lines(message):
        cls = ' class="ck-hint"' if label == "hint" else ""
        head = f'<span class="ck-label">{label}:</span>' if label else '<span class="ck-label"></span>'
        rows.append(f"<div{cls}>{head}{escape(text) or '&nbsp;'}</div>")
    return f'<div class="ck-msg">{"".join(rows)}</div>'


def _row_class(earned: float, possible: float) -> str:
    if possible and earned >= possible:
        return "ck-full"
    return "ck-part" if earned > 0 else "ck-zero"


def _failed_item(check: dict) -> str:
    hidden = ' <span class="ck-hidden">hidden</span>' if check.get("hidden") else ""
    return (f'<li><span class="ck-check">{escape(check["check"])}</span>{hidden} '
            f'<span class="ck-reason">{escape(check.get("reason") or "failed")}, '
            f'{fmt(check["points"])} pt</span>{_message_html(check.get("message", ""))}</li>')


def _exercise_row(ex: dict) -> str:
    failed = [c for c in ex["checks"] if c["status"] == "failed"]
    passed = sum(1 for c in ex["checks"] if c["status"] == "passed")
    unstarted = not_started(ex)
    if unstarted:  # one line, and what is missing or broken
        first = "" if "not implemented" in unstarted else _message_html(failed[0]["message"])
        detail = f'<span class="ck-reason">{escape(unstarted)}</span>{first}'
    elif failed:
        detail = f'<ul class="ck-fails">{"".join(_failed_item(c) for c in failed)}</ul>'
    else:
        detail = '<span class="ck-ok">every check passed</span>'
    summary = f"{passed} of {len(ex['checks'])} checks passed"
    return (f'<tr class="{_row_class(ex["earned"], ex["possible"])}" data-exercise="{escape(ex["id"])}">'
            f'<td><a href="#{anchor(ex["id"])}">{escape(ex["id"])}</a><br>'
            f'<span class="ck-reason">{escape(ex.get("title", ""))}</span><br>'
            f'<span class="ck-reason">{summary}</span></td>'
            f'<td>{detail}</td>'
            f'<td class="ck-points" data-earned="{fmt(ex["earned"])}" data-possible="{fmt(ex["possible"])}">'
            f'{fmt(ex["earned"])} / {fmt(ex["possible"])}</td></tr>')


def card_html(report: dict, title: str = "") -> str:
    """The summary: per session a table (one row per exercise), and the total.

    Every line is non-empty, so the fragment is one HTML block in a markdown cell too.
    """
    title = title or f"Report card: {report.get('solution', '')}".rstrip(": ")
    parts = [f"<style>{' '.join(STYLE.split())}</style>", '<div class="ck-card" id="ck-report-card">',
             f"<h2>{escape(title)}</h2>",
             f'<div class="ck-total">Total: <strong id="ck-total" data-earned="{fmt(report["earned"])}" '
             f'data-possible="{fmt(report["possible"])}">{fmt(report["earned"])} / '
             f'{fmt(report["possible"])}</strong> points</div>']
    hidden_left = 0.0
    for session in report["sessions"]:
        parts.append(f'<table class="ck-session" data-session="{escape(session["id"])}">')
        parts.append(f'<tr><th>{escape(session["id"])}: {escape(session.get("title", ""))}</th>'
                     '<th>failed checks (expected / found / hint)</th><th class="ck-points">points</th></tr>')
        parts += [_exercise_row(ex) for ex in session["exercises"]]
        hidden_left += sum(ex.get("not_run_hidden_points", 0.0) for ex in session["exercises"])
        parts.append(f'<tr class="ck-total-row"><td colspan="2">{escape(session["id"])} total</td>'
                     f'<td class="ck-points">{fmt(session["earned"])} / {fmt(session["possible"])}</td></tr>')
        parts.append("</table>")
    if hidden_left:
        parts.append(f'<p class="ck-reason">Hidden checks worth {fmt(hidden_left)} points were not run '
                     "here: your instructor grades them.</p>")
    parts.append("</div>")
    return "\n".join(parts)


def _check_row(check: dict) -> str:
    status = check["status"]
    cls = {"passed": "ck-ok", "skipped": "ck-skip"}.get(status, "")
    hidden = ' <span class="ck-hidden">hidden</span>' if check.get("hidden") else ""
    body = _message_html(check["message"]) if check.get("message") else ""
    word = status if status != "failed" else f"failed: {check.get('reason') or 'failed'}"
    return (f'<tr data-check="{escape(check["check"])}"><td><span class="ck-check">{escape(check["check"])}'
            f'</span>{hidden}</td><td><span class="{cls}">{escape(word)}</span>{body}</td>'
            f'<td class="ck-points">{fmt(check_earned(check))} / {fmt(check["points"])}</td></tr>')


def exercise_section(ex: dict) -> str:
    rows = "".join(_check_row(c) for c in ex["checks"])
    return (f'<section id="{anchor(ex["id"])}" data-exercise="{escape(ex["id"])}">'
            f'<h3>{escape(ex["id"])}: {escape(ex.get("title", ""))} '
            f'({fmt(ex["earned"])} / {fmt(ex["possible"])})</h3>'
            f'<table><tr><th>check</th><th>result</th><th class="ck-points">points</th></tr>{rows}</table>'
            '<p><a href="#ck-report-card">back to the summary</a></p></section>')


def card_page(report: dict, title: str = "") -> str:
    """A whole HTML page: the summary, then a section per exercise with every check."""
    title = title or f"Report card: {report.get('solution', '')}".rstrip(": ")
    sections = [exercise_section(ex) for s in report["sessions"] for ex in s["exercises"]]
    body = card_html(report, title).removesuffix("</div>")  # the sections join the card's div
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title><style>body{{margin:24px}}</style></head>\n"
            f"<body>\n{body}\n" + "\n".join(sections) + "\n</div>\n</body></html>\n")


def write_card(report: dict, path) -> Path:
    path = Path(path)
    path.write_text(card_page(report), encoding="utf-8")
    return path
