"""The instructor's similarity page (self-contained HTML) and CSV.

Per exercise: how many students were compared and left out (and why), the pairs flagged with
both similarities, each flagged pair's code side by side with the matched regions highlighted,
and the exercise's distribution of pair scores drawn with matplotlib, the threshold marked.
The page and the CSV name students: they are the instructor's files, written only where asked.
"""
from __future__ import annotations

import csv
import html
from pathlib import Path

from coursekit.reports.class_figures import to_data_uri
from coursekit.similarity.compare import (BASELINE_QUANTILE, FLOOR, MARGIN, MIN_TOKENS, ExerciseComparison,
                                          matched_slices)

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2em auto;
max-width:1300px;padding:0 1em;color:#222;line-height:1.4}
h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.8em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1em;margin:1em 0 2em}
.pair pre{white-space:pre-wrap;font-size:.8em;border:1px solid #ddd;padding:.5em;margin:0;
overflow-x:auto;background:#fcfcfc}
mark.match{background:#ffd54f;padding:0}
.muted{color:#666}.note{background:#f5f7ff;border-left:4px solid #7a8cff;padding:.5em 1em}
img{max-width:100%}
"""

WHAT_A_FLAG_MEANS = (
    "A flag says that two students' code for one exercise shares far more than that exercise's "
    "other pairs do, after names, strings, comments and layout are set aside and the code every "
    "student was given is discounted. It is a reason to look, side by side, not a finding of "
    "copying: students who worked together as allowed, who followed the same worked example, or "
    "who wrote the one obvious solution can share code. An exercise whose correct answers all look "
    "alike raises its own bar, and then flags nothing.")


def _e(text) -> str:
    return html.escape(str(text))


def distribution_figure(comparison: ExerciseComparison) -> str:
    """The exercise's pair scores as a histogram, the threshold marked; a PNG data URI."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 2.4))
    ax = fig.add_subplot()
    scores = [p.score for p in comparison.pairs]
    ax.hist(scores, bins=40, range=(0, 1), color="#7a8cff")
    ax.axvline(comparison.threshold, color="#c62828", linestyle="--",
               label=f"flagged from {comparison.threshold:.2f}")
    ax.set_yscale("log" if len(scores) > 200 else "linear")
    ax.set_xlabel("pair score (the smaller of the two similarities)")
    ax.set_ylabel("pairs")
    ax.set_title(f"{comparison.exercise}: {len(scores)} pairs")
    ax.legend(loc="best")
    return to_data_uri(fig)


def _highlighted(text: str, slices) -> str:
    """``text`` escaped, its matched character spans wrapped in ``<mark class="match">``
    (copydetect's own highlighter)."""
    from copydetect.utils import highlight_overlap

    if len(slices) != 2 or len(slices[0]) == 0:
        return _e(text)
    return highlight_overlap(text, slices, '<mark class="match">', "</mark>", escape_html=True)[0]


def _pair_section(comparison: ExerciseComparison, texts: dict[str, str], index: int) -> str:
    pair = comparison.flagged[index]
    slices_a, slices_b = matched_slices(comparison, pair)
    return (f'<h4 id="{_e(comparison.exercise)}-{index}">{_e(pair.a)} and {_e(pair.b)}: '
            f"{pair.similarity_a:.0%} of {_e(pair.a)}'s code in {_e(pair.b)}'s, {pair.similarity_b:.0%} "
            f"the other way</h4>"
            f'<div class="pair" data-exercise="{_e(comparison.exercise)}">'
            f"<div><b>{_e(pair.a)}</b><pre>{_highlighted(texts[pair.a], slices_a)}</pre></div>"
            f"<div><b>{_e(pair.b)}</b><pre>{_highlighted(texts[pair.b], slices_b)}</pre></div></div>")


def _exercise_section(comparison: ExerciseComparison, texts: dict[str, str]) -> str:
    flagged = comparison.flagged
    left = "".join(f"<li>{_e(s)}: {_e(why)}</li>" for s, why in sorted(comparison.left_out.items()))
    rows = "".join(
        f'<tr class="flagged"><td><a href="#{_e(comparison.exercise)}-{i}">{_e(p.a)}</a></td>'
        f'<td>{_e(p.b)}</td>'
        f'<td class="num">{p.similarity_a:.2f}</td><td class="num">{p.similarity_b:.2f}</td></tr>'
        for i, p in enumerate(flagged))
    table = ("<table><tr><th>student</th><th>student</th><th>share of the first's code in the "
             "second's</th><th>the other way</th></tr>" + rows + "</table>") if flagged else (
        '<p class="muted">No pair stands out.</p>')
    compared = len(comparison.fingerprints)
    return (f'<section data-exercise="{_e(comparison.exercise)}"><h2>{_e(comparison.exercise)}</h2>'
            f"<p>{compared} students compared, {len(comparison.pairs)} pairs; flagged from a score of "
            f"{comparison.threshold:.2f}: <b>{len(flagged)}</b> pair(s).</p>"
            + (f'<img src="{distribution_figure(comparison)}" alt="distribution of pair scores">'
               if comparison.pairs else "")
            + table
            + (f"<details><summary>{len(comparison.left_out)} left out</summary><ul>{left}</ul></details>"
               if comparison.left_out else "")
            + "".join(_pair_section(comparison, texts, i) for i in range(len(flagged)))
            + "</section>")


def render(title: str, comparisons: list[ExerciseComparison], texts: dict[str, dict[str, str]]) -> str:
    total = sum(len(c.flagged) for c in comparisons)
    rule = (f"A pair's score is the smaller of its two similarities (the share of each one's code found in "
            f"the other, copydetect's winnowed fingerprints). A pair is flagged when its score is at least "
            f"{FLOOR} and at least the exercise's {BASELINE_QUANTILE:.0%} quantile of pair scores plus "
            f"{MARGIN}. Files with fewer than {MIN_TOKENS} tokens beyond the given code are left out.")
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{_e(title)}</title><style>{CSS}</style></head><body>"
            f"<h1>{_e(title)}</h1><p class='note'>{_e(WHAT_A_FLAG_MEANS)}</p><p class='muted'>{_e(rule)}</p>"
            f"<p><b>{total}</b> flagged pair(s) in {len(comparisons)} exercise(s).</p>"
            + "".join(_exercise_section(c, texts.get(c.exercise, {})) for c in comparisons)
            + "</body></html>")


def write_csv(path: Path, comparisons: list[ExerciseComparison]) -> Path:
    """One row per compared pair: exercise, both students, both similarities, score, flagged."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["exercise", "student_a", "student_b", "similarity_a", "similarity_b", "score",
                         "threshold", "flagged"])
        for c in comparisons:
            for p in sorted(c.pairs, key=lambda p: -p.score):
                writer.writerow([c.exercise, p.a, p.b, f"{p.similarity_a:.4f}", f"{p.similarity_b:.4f}",
                                 f"{p.score:.4f}", f"{c.threshold:.4f}", int(p.flagged)])
    return path


def compare_class(root: Path, folder: Path, sessions) -> tuple[list[ExerciseComparison], dict]:
    """Every exercise of each session in ``sessions`` that some student answered, compared."""
    from coursekit.similarity.compare import compare_exercise
    from coursekit.similarity.sources import given_code, read_class

    comparisons, texts = [], {}
    for session in sessions:
        for exercise_id, answers in read_class(folder, session).items():
            if len(answers) < 2:
                continue
            given = given_code(root, session.id, exercise_id)
            comparisons.append(compare_exercise(exercise_id, answers, given))
            texts[exercise_id] = answers
    return comparisons, texts


def write_report(root: Path, folder: Path, out: Path, sessions,
                 title: str | None = None) -> tuple[Path, Path, int]:
    """The page ``out/similarity.html`` and ``out/similarity.csv``; returns them and the flagged count."""
    comparisons, texts = compare_class(root, folder, sessions)
    out.mkdir(parents=True, exist_ok=True)
    page = out / "similarity.html"
    page.write_text(render(title or f"Similar submissions: {', '.join(s.id for s in sessions)}", comparisons,
                           texts))
    table = write_csv(out / "similarity.csv", comparisons)
    return page, table, sum(len(c.flagged) for c in comparisons)
