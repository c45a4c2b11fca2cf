"""Mutant: a correct figure whose titles count from 1 (Filter 1 is filter 0), as in the guide."""
import math

from matplotlib import pyplot as plt

from reference.session04.ex04_filter_visualisation import _ex04_first_conv, top_activating_subsequences  # noqa: F401

CAUGHT_BY = {"figure_axes"}


def visualize_conv_filters(model, max_filters=32):
    weights = _ex04_first_conv(model).weight.detach().numpy()
    shown = min(max_filters, weights.shape[0])
    cols = min(8, shown)
    fig, axes = plt.subplots(math.ceil(shown / cols), cols, squeeze=False)
    for i, ax in enumerate(axes.flat):
        if i >= shown:
            ax.remove()
            continue
        ax.imshow(weights[i], aspect="auto", cmap="RdBu_r")
        ax.set_yticks(range(4), ["A", "C", "G", "T"])
        ax.set_title(f"Filter {i + 1}")
    return fig
