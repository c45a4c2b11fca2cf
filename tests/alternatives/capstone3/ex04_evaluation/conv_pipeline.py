"""Correct alternative: sequences become numpy byte arrays; nearest distances compare every design with
every training sequence by broadcasting (!=) and counting, design by design, rather than by a one-hot
matrix product; diversity needs no pairs at all: at each position the pairs that differ are
(n^2 - sum of squared letter counts) / 2, summed over positions and divided by the n (n - 1) / 2 pairs
and the length; the figure draws each histogram with ax.bar from numpy.histogram's counts, one bar per
bin from its left edge (align='edge', width = the bin's width)."""
import numpy as np
import torch
from matplotlib import pyplot as plt


def _as_bytes(seqs):
    """list of n equal-length strings -> uint8 array [n, L]."""
    seqs = list(seqs)
    if not seqs:
        return np.zeros((0, 0), dtype=np.uint8)
    return np.frombuffer("".join(seqs).encode("ascii"), dtype=np.uint8).reshape(len(seqs), -1)


def nearest_distances(designs, training):
    a, b = _as_bytes(designs), _as_bytes(training)
    nearest = [int((row[None, :] != b).sum(axis=1).min()) for row in a]
    return torch.tensor(nearest, dtype=torch.int64)


def novelty(designs, training):
    distances = nearest_distances(designs, training).numpy()
    return float(np.mean(distances > 0))


def diversity(designs):
    codes = _as_bytes(designs)
    n = codes.shape[0]
    if n < 2:
        return 0.0
    length = codes.shape[1]
    differing = 0
    for column in codes.T:
        _, counts = np.unique(column, return_counts=True)
        differing += (n * n - int((counts.astype(np.int64) ** 2).sum())) // 2
    return differing / (n * (n - 1) / 2) / length


def _numbers(values):
    return torch.as_tensor(values).detach().to("cpu", torch.float64).numpy().ravel()


def plot_scores(unconditional, guided, bins):
    edges = _numbers(bins)
    fig, ax = plt.subplots()
    for label, values in (("unconditional", unconditional), ("guided", guided)):
        counts, edges_used = np.histogram(_numbers(values), bins=edges)
        ax.bar(edges_used[:-1], counts, width=np.diff(edges_used), align="edge", alpha=0.5, label=label)
    ax.set_xlabel("oracle score")
    ax.set_ylabel("designs")
    ax.legend()
    return fig
