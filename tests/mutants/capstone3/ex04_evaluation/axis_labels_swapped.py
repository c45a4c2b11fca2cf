"""Mutant: the axis labels are swapped: 'designs' on the x axis, 'oracle score' on y."""
import torch
from matplotlib import pyplot as plt

from reference.capstone3.ex04_evaluation import diversity, nearest_distances, novelty  # noqa: F401

CAUGHT_BY = {'figure_labels'}


def plot_scores(unconditional, guided, bins):
    fig, ax = plt.subplots()
    ax.hist(torch.as_tensor(unconditional).tolist(), bins=list(bins), alpha=0.5, label="unconditional")
    ax.hist(torch.as_tensor(guided).tolist(), bins=list(bins), alpha=0.5, label="guided")
    ax.set_xlabel("designs")
    ax.set_ylabel("oracle score")
    ax.legend()
    return fig
