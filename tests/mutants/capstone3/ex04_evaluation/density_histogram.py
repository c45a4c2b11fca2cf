"""Mutant: the histograms are drawn with density=True: bar heights are densities, not the
number of designs in each bin."""
import torch
from matplotlib import pyplot as plt

CAUGHT_BY = {'figure_bars'}


def _codes(seqs):
    return torch.tensor([["ACGT".index(c) for c in s] for s in seqs], dtype=torch.long)


def nearest_distances(designs, training):
    a = torch.nn.functional.one_hot(_codes(designs), 4).flatten(1).float()
    b = torch.nn.functional.one_hot(_codes(training), 4).flatten(1).float()
    matches = a @ b.T
    return (len(designs[0]) - matches.max(dim=1).values).round().long()


def novelty(designs, training):
    return (nearest_distances(designs, training) > 0).double().mean().item()


def diversity(designs):
    n = len(designs)
    if n < 2:
        return 0.0
    codes = _codes(designs)
    differ = (codes.unsqueeze(0) != codes.unsqueeze(1)).sum(dim=2).double()
    return (differ.sum() / (n * (n - 1))).item() / codes.shape[1]


def plot_scores(unconditional, guided, bins):
    fig, ax = plt.subplots()
    ax.hist(torch.as_tensor(unconditional).tolist(), bins=list(bins), alpha=0.5, label="unconditional",
            density=True)
    ax.hist(torch.as_tensor(guided).tolist(), bins=list(bins), alpha=0.5, label="guided", density=True)
    ax.set_xlabel("oracle score")
    ax.set_ylabel("designs")
    ax.legend()
    return fig
