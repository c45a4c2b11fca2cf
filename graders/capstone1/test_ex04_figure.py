"""Graders: capstone 1, module 4 (the attention figure: the weights over positions, the variant marked)."""
import numpy as np
import torch
from hypothesis import strategies as st

from coursekit import checks as ck

FIGURE_HINT = ("plot_attention(weights, flank): fig, ax = plt.subplots(); ax.plot(range(-flank, flank + 1), "
               "weights, label='attention'); ax.axvline(0, label='variant'); ax.set_xlabel('position "
               "relative to "
               "the variant'); ax.set_ylabel('attention weight'); ax.legend(); return fig (never plt.show())")
CASES = st.tuples(st.integers(1, 25), st.integers(0, 2**31 - 1))


def _plot(sol, weights, flank, what):
    return ck.drawn_figure(sol.plot_attention, weights.clone(), flank, what=what, hint=FIGURE_HINT)


def _weights(flank, seed):
    return torch.softmax(torch.randn(2 * flank + 1, generator=torch.Generator().manual_seed(seed)), dim=0)


def _is_variant_line(line):
    xs = np.asarray(line.get_xdata(), dtype=float).reshape(-1)
    return xs.size >= 2 and np.allclose(xs, 0.0)


def test_figure_weights(sol):
    def case(c):
        flank, seed = c
        weights = _weights(flank, seed)
        what = f"plot_attention(weights of {2 * flank + 1} positions, flank={flank})"
        with ck.checked_figure(_plot(sol, weights, flank, what), what) as fig:
            ax = ck.expect_axes(fig, 1, what)[0]
            ck.find_line(ax, weights.tolist(), f"{what}: the attention weights",
                         x=list(range(-flank, flank + 1)),
                         hint=FIGURE_HINT)

    case((20, 1))
    ck.for_all(CASES, case, max_examples=10)


def test_figure_variant_marked(sol):
    weights = _weights(20, 2)
    what = "plot_attention(weights of 41 positions, flank=20)"
    with ck.checked_figure(_plot(sol, weights, 20, what), what) as fig:
        ax = ck.expect_axes(fig, 1, what)[0]
        marks = [ln for ln in ax.get_lines() if _is_variant_line(ln)]
        ck.expect(len(marks) >= 1, f"{what}: a vertical line at x = 0 marking the variant", "none",
                  FIGURE_HINT)
        ck.expect((ax.get_xlabel(), ax.get_ylabel()) == ("position relative to the variant", "attention "
                                                                                             "weight"),
                  f"{what}: axis labels ('position relative to the variant', 'attention weight')",
                  repr((ax.get_xlabel(), ax.get_ylabel())), FIGURE_HINT)
        ck.expect_legend(ax, ("attention", "variant"), what)
