"""Mutant: each filter drawn transposed, as [k, 4] (positions down, bases across)."""
from matplotlib import pyplot as plt

from reference.session04.ex04_filter_visualisation import _ex04_first_conv, top_activating_subsequences  # noqa: F401

CAUGHT_BY = {"filter_figure"}


def visualize_conv_filters(model, max_filters=32):
    weights = _ex04_first_conv(model).weight.detach().numpy()
    shown = min(max_filters, weights.shape[0])
    fig, axes = plt.subplots(1, shown, squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.imshow(weights[i].T, aspect="auto", cmap="RdBu_r")
        ax.set_yticks(range(4), ["A", "C", "G", "T"])
        ax.set_title(f"Filter {i}")
    return fig
