"""Checks of matplotlib figures: what they draw (line data, labels, titles), not pixels.

Exercises return a ``matplotlib.figure.Figure`` (never ``plt.show()``); graders open
it with :func:`checked_figure`, which also closes it afterwards.
"""
from __future__ import annotations

import contextlib
from collections.abc import Sequence

import torch

from coursekit.checks.base import CheckFailure, call, expect

FIGURE_HINT = "create it with fig, ax = plt.subplots() and return fig (don't call plt.show())"


@contextlib.contextmanager
def checked_figure(value, what: str):
    """``value`` is a Figure; yield it and close it afterwards, pass or fail."""
    from matplotlib import pyplot as plt
    from matplotlib.figure import Figure

    try:
        expect(isinstance(value, Figure), f"{what} to be a matplotlib Figure",
               type(value).__name__, FIGURE_HINT)
        yield value
    finally:
        if isinstance(value, Figure):
            plt.close(value)


def drawn_figure(fn, *args, what: str, hint: str, show_hint: str | None = None, **kwargs):
    """``fn(*args, **kwargs)`` (a call into the student's code, see :func:`call`) with
    ``plt.show`` watched: a call of it fails the check. Returns what ``fn`` returned."""
    from matplotlib import pyplot as plt

    shown = []
    real_show = plt.show
    plt.show = lambda *a, **k: shown.append(1)
    try:
        value = call(fn, *args, what=what, hint=hint, **kwargs)
    finally:
        plt.show = real_show
    expect(not shown, f"{what} not to call plt.show()", "plt.show() was called",
           hint if show_hint is None else show_hint)
    return value


def expect_axes(fig, count: int, what: str):
    """The figure has exactly ``count`` Axes (subplots); return them in order."""
    axes = fig.get_axes()
    expect(len(axes) == count, f"{what} with {count} Axes", f"{len(axes)} Axes",
           f"plt.subplots(1, {count})" if count > 1 else "one plot: fig, ax = plt.subplots()")
    return axes


def _as_floats(values) -> torch.Tensor:
    return torch.as_tensor(values, dtype=torch.float64).reshape(-1)


def _same(a, b, rtol=1e-5, atol=1e-7) -> bool:
    a, b = _as_floats(a), _as_floats(b)
    return a.shape == b.shape and bool(torch.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))


def find_line(ax, y: Sequence[float], what: str, x: Sequence[float] | None = None,
              label: str | None = None, hint: str = ""):
    """The line of ``ax`` that draws ``y`` (against ``x`` when given), with ``label``."""
    lines = ax.get_lines()
    drawn = [ln for ln in lines if _same(ln.get_ydata(), y)]
    if not drawn:
        found = ", ".join(f"{len(ln.get_ydata())} points starting {list(_as_floats(ln.get_ydata())[:3].tolist())}"
                          for ln in lines) or "no lines"
        raise CheckFailure(f"{what}: a line with the {len(y)} values "
                           f"{[round(v, 4) for v in _as_floats(y)[:3].tolist()]}...", found,
                           hint or "plot the values themselves: ax.plot(x, values)")
    if x is not None:
        with_x = [ln for ln in drawn if _same(ln.get_xdata(), x)]
        expect(bool(with_x), f"{what}: x values {list(_as_floats(x)[:3].tolist())}...",
               f"x values {list(_as_floats(drawn[0].get_xdata())[:3].tolist())}...",
               hint or "pass the x values to ax.plot(x, y)")
        drawn = with_x
    if label is not None:
        labelled = [ln for ln in drawn if ln.get_label() == label]
        expect(bool(labelled), f"{what}: the line labelled {label!r}",
               f"label {drawn[0].get_label()!r}", f"ax.plot(..., label={label!r}) and ax.legend()")
        drawn = labelled
    return drawn[0]


def expect_text(found: str, words: Sequence[str], what: str, hint: str) -> None:
    """``found`` (a label or title) contains every one of ``words``, ignoring case."""
    missing = [w for w in words if w.lower() not in (found or "").lower()]
    expect(not missing, f"{what} containing {', '.join(repr(w) for w in words)}",
           repr(found or ""), hint)


def expect_legend(ax, labels: Sequence[str], what: str) -> None:
    """The Axes shows a legend with these entries."""
    legend = ax.get_legend()
    expect(legend is not None, f"{what} to show a legend", "no legend", "call ax.legend()")
    shown = [t.get_text() for t in legend.get_texts()]
    missing = [lab for lab in labels if lab not in shown]
    expect(not missing, f"{what}: legend entries {list(labels)}", f"{shown}",
           "give each line its label= and call ax.legend() after plotting")
