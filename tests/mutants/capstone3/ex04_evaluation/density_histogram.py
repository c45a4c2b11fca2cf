"""Mutant: the histograms are drawn with density=True: bar heights are densities, not the
number of designs in each bin."""
import torch
from matplotlib import pyplot as plt

from reference.capstone3.ex04_evaluation import diversity, nearest_distances, novelty  # noqa: F401

CAUGHT_BY = {'figure_bars'}


def plot_scores(unconditional, guided, bins):
    fig, ax = plt.subplots()
    ax.hist(torch.as_tensor(unconditional).tolist(), bins=list(bins), alpha=0.5, label="unconditional",
            density=True)
    ax.hist(torch.as_tensor(guided).tolist(), bins=list(bins), alpha=0.5, label="guided", density=True)
    ax.set_xlabel("oracle score")
    ax.set_ylabel("designs")
    ax.legend()
    return fig
