"""Mutant: the guide's figure: always a 4 x 8 grid (unused cells left in), every axis turned off,
titles counted from 1."""
from matplotlib import pyplot as plt

from reference.session04.ex04_filter_visualisation import _ex04_first_conv, top_activating_subsequences  # noqa: F401

CAUGHT_BY = {"figure_axes"}


def visualize_conv_filters(model, max_filters=32):
    weights = _ex04_first_conv(model).weight.data.numpy()
    n_filters = min(max_filters, weights.shape[0])
    fig, axes = plt.subplots(4, 8, figsize=(16, 8))
    for i, ax in enumerate(axes.flat):
        if i < n_filters:
            ax.imshow(weights[i], aspect="auto", cmap="RdBu_r")
            ax.set_title(f"Filter {i + 1}")
            ax.set_yticks([0, 1, 2, 3])
            ax.set_yticklabels(["A", "C", "G", "T"])
        ax.axis("off")
    return fig
