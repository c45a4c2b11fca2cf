"""The class report's figures (matplotlib, Agg), as base64 PNG data URIs."""
from __future__ import annotations

import base64
import io

import numpy as np


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _horizontal() -> dict:
    import matplotlib

    major, minor = (int(x) for x in matplotlib.__version__.split(".")[:2])
    return {"orientation": "horizontal"} if (major, minor) >= (3, 10) else {"vert": False}


_HORIZONTAL = _horizontal()


def to_data_uri(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    _pyplot().close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def score_distribution(exercise_rows: list[dict]) -> str:
    """Per exercise, every student's score as a share of the exercise's points: a box
    over jittered dots (dots shrink and fade as the class grows), and the mean."""
    plt = _pyplot()
    n = max((len(r["scores"]) for r in exercise_rows), default=0)
    fig, ax = plt.subplots(figsize=(9, 0.55 * len(exercise_rows) + 1.4))
    rng = np.random.default_rng(0)
    size, alpha = (36, 0.8) if n <= 30 else (12, max(0.15, 30 / n))
    for i, row in enumerate(exercise_rows):
        share = 100 * np.asarray(row["scores"], dtype=float) / (row["max"] or 1)
        if n >= 10:
            ax.boxplot(share, positions=[i], widths=0.6, showfliers=False, **_HORIZONTAL,
                       medianprops={"color": "#444"}, boxprops={"color": "#888"},
                       whiskerprops={"color": "#888"}, capprops={"color": "#888"})
        ax.scatter(share, i + rng.uniform(-0.22, 0.22, len(share)), s=size, alpha=alpha,
                   color="#1f77b4", edgecolor="none")
        ax.scatter([100 * row["mean"] / (row["max"] or 1)], [i], marker="D", s=50, color="#d62728",
                   zorder=3, label="mean" if i == 0 else None)
    ax.set_yticks(range(len(exercise_rows)))
    ax.set_yticklabels([f"{r['exercise']} (/{r['max']:g})" for r in exercise_rows])
    ax.invert_yaxis()
    ax.set_xlim(-5, 105)
    ax.set_xlabel(f"score, % of the exercise's points ({n} students)")
    ax.grid(axis="x", alpha=0.3)
    if exercise_rows:
        ax.legend(loc="lower right", bbox_to_anchor=(1, 1), fontsize=8, frameon=False)
    return to_data_uri(fig)


def total_histogram(totals: list[float], max_total: float) -> str:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 2.8))
    bins = np.linspace(0, max_total or 1, min(21, max(6, len(totals) // 5 + 2)))
    ax.hist(totals, bins=bins, color="#1f77b4", edgecolor="white")
    ax.set_xlabel(f"total points (of {max_total:g})")
    ax.set_ylabel("students")
    ax.grid(axis="y", alpha=0.3)
    return to_data_uri(fig)


def failure_rates(check_rows: list[dict]) -> str:
    """Every check's failure rate across the class, most failed on top."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 0.24 * len(check_rows) + 1.2))
    rates = [100 * r["rate"] for r in check_rows]
    colors = ["#d62728" if x >= 50 else "#ff7f0e" if x >= 20 else "#2ca02c" for x in rates]
    y = np.arange(len(check_rows))
    ax.barh(y, rates, color=colors)
    for i, r in enumerate(check_rows):
        ax.text(min(rates[i] + 1, 88), i, f"{r['failed']}/{r['students']}", va="center", fontsize=7)
    ax.set_yticks(y)
    ax.set_yticklabels([f"{r['exercise'].split('_')[0]} {r['check']}" for r in check_rows], fontsize=7)
    ax.set_ylim(len(check_rows) - 0.5, -0.5)  # most failed on top, no margin
    ax.set_xlim(0, 100)
    ax.set_xlabel("students who failed the check (%)")
    ax.grid(axis="x", alpha=0.3)
    return to_data_uri(fig)


def grading_time(seconds: dict[str, float]) -> str:
    """Per student (a bar each, up to 40 students) or as a histogram (larger classes)."""
    plt = _pyplot()
    values = list(seconds.values())
    if len(values) <= 40:
        order = sorted(seconds, key=seconds.get, reverse=True)
        fig, ax = plt.subplots(figsize=(9, 0.25 * len(order) + 1.2))
        ax.barh(range(len(order)), [seconds[s] for s in order], color="#9467bd")
        ax.set_yticks(range(len(order)))
        ax.set_yticklabels(order, fontsize=8)
        ax.invert_yaxis()
        ax.set_xlabel("grading time (s)")
    else:
        fig, ax = plt.subplots(figsize=(9, 2.8))
        ax.hist(values, bins=20, color="#9467bd", edgecolor="white")
        ax.set_xlabel("grading time (s)")
        ax.set_ylabel("students")
    ax.grid(axis="x", alpha=0.3)
    return to_data_uri(fig)
