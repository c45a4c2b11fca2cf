"""Data for capstone 2 (single cells): counts of cells differentiating along a path in time.

``differentiation_counts(seed)`` simulates UMI counts the way a single-cell VAE models them:
each cell has a true time ``t`` in [0, 1) along one differentiation path, and a stage (its cell
type) ``floor(K t)``. A gene's log expression is its baseline, plus a slope times ``t`` (genes
that rise or fall gradually), plus a step where the gene marks the cell's stage; a cell's
expected counts are its library size times the softmax of those values over genes, and its counts
are drawn from a negative binomial with that mean and a dispersion per gene (a gamma-Poisson
mixture). The root is the earliest cell. The truth (type, time) is returned beside the counts, for
the graders; the counts alone are what a model sees.

The real cells the capstone also uses are scanpy's pbmc68k_reduced, read by
``coursekit.data.session08.pbmc68k_reduced`` (scaled values, not counts).
Every draw comes from a numpy generator of its own; the global random state is never touched.
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import torch

N_CELLS, N_GENES, N_TYPES = 800, 200, 4
MARKERS = 12  # marker genes per stage


class Cells(NamedTuple):
    counts: torch.Tensor  # float32 [N, G], whole numbers
    library: torch.Tensor  # float32 [N]: each cell's total count
    labels: torch.Tensor  # int64 [N]: the stage, 0 .. K - 1
    time: torch.Tensor  # float32 [N]: the true time in [0, 1)
    root: int  # the index of the earliest cell


def differentiation_counts(n_cells: int = N_CELLS, n_genes: int = N_GENES, n_types: int = N_TYPES,
                           seed: int = 0) -> Cells:
    """Counts of ``n_cells`` cells along one differentiation path (see the module's docstring)."""
    rng = np.random.default_rng(seed)
    time = rng.uniform(0.0, 1.0, size=n_cells)
    labels = np.minimum((time * n_types).astype(np.int64), n_types - 1)
    baseline = rng.normal(0.0, 1.0, size=n_genes)
    slope = rng.normal(0.0, 2.5, size=n_genes) * (rng.uniform(size=n_genes) < 0.5)
    step = np.zeros((n_types, n_genes))
    markers = rng.permutation(n_genes)[:n_types * MARKERS].reshape(n_types, MARKERS)
    for stage in range(n_types):
        step[stage, markers[stage]] = rng.uniform(0.6, 1.0, size=MARKERS)
    logits = baseline + slope * time[:, None] + step[labels]
    proportions = np.exp(logits - logits.max(axis=1, keepdims=True))
    proportions /= proportions.sum(axis=1, keepdims=True)
    size = np.exp(rng.normal(math.log(1500.0), 0.3, size=n_cells))
    mean = size[:, None] * proportions
    theta = rng.uniform(2.0, 10.0, size=n_genes)
    counts = rng.poisson(rng.gamma(shape=theta, scale=mean / theta)).astype(np.float32)
    return Cells(torch.from_numpy(counts), torch.from_numpy(counts.sum(axis=1)),
                 torch.from_numpy(labels), torch.from_numpy(time.astype(np.float32)), int(np.argmin(time)))


def cell_split(n_cells: int, seed: int, test_fraction: float = 0.25) -> tuple[torch.Tensor, torch.Tensor]:
    """``(train_idx, test_idx)``: a seeded random split of the cells, int64, each sorted."""
    order = torch.randperm(n_cells, generator=torch.Generator().manual_seed(seed))
    n_test = int(round(n_cells * test_fraction))
    return order[n_test:].sort().values, order[:n_test].sort().values


def warm_cache() -> None:
    """Read scanpy's cells and run scikit-learn's k-means, neighbours and logistic regression once
    on a few points (a grading process calls this before any submission runs): their first calls
    load native libraries that threadpoolctl then opens with ctypes, which a sealed process forbids."""
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import kneighbors_graph

    from coursekit.data.session08 import warm_cache as read_cells

    read_cells()
    points = np.random.default_rng(0).normal(size=(12, 3))
    KMeans(n_clusters=2, n_init=1, random_state=0).fit_predict(points)
    PCA(n_components=2, random_state=0).fit(points)
    LogisticRegression().fit(points, np.arange(12) % 2)
    kneighbors_graph(points, 3, mode="distance")
