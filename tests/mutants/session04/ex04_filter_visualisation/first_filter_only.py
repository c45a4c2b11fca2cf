"""Mutant: one Axes that draws only the first filter."""
from matplotlib import pyplot as plt

from reference.session04.ex04_filter_visualisation import _ex04_first_conv, top_activating_subsequences  # noqa: F401

CAUGHT_BY = {"filter_figure", "figure_axes"}


def visualize_conv_filters(model, max_filters=32):
    weights = _ex04_first_conv(model).weight.detach().numpy()
    fig, ax = plt.subplots()
    ax.imshow(weights[0], aspect="auto", cmap="RdBu_r")
    ax.set_yticks(range(4), ["A", "C", "G", "T"])
    ax.set_title("Filter 0")
    return fig
