"""Mutant: the bins given are ignored: matplotlib's default of 10 equal bins over each
group's own range, so the two histograms are not comparable bin by bin."""
import torch
from matplotlib import pyplot as plt

from reference.capstone3.ex04_evaluation import diversity, nearest_distances, novelty  # noqa: F401

CAUGHT_BY = {'figure_bars'}


def plot_scores(unconditional, guided, bins):
    fig, ax = plt.subplots()
    ax.hist(torch.as_tensor(unconditional).tolist(), alpha=0.5, label="unconditional")
    ax.hist(torch.as_tensor(guided).tolist(), alpha=0.5, label="guided")
    ax.set_xlabel("oracle score")
    ax.set_ylabel("designs")
    ax.legend()
    return fig
