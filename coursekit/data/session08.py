"""Data for session 8 (variational autoencoders): simulated and real single cells.

- ``expression_programs``: scaled expression built from a few gene programs (a low-rank
  signal plus noise), cells of a few types: what an autoencoder compresses and PCA is
  the best linear fit of.
- ``simulated_counts``: UMI counts drawn from a negative binomial with a library size per
  cell and a dispersion per gene (what a single-cell VAE's likelihood models; the real
  cells below are scaled, not counts).
- ``sequence_families``: one-hot DNA from a few GC-rich ancestral sequences, each copy
  mutated: what a sequence VAE compresses (a family is a point in latent space).

The simulators draw from their own seeded generators (torch's for the signal, numpy's for
the negative binomial), never from the global random state.

``pbmc68k_reduced()`` reads the 700 peripheral blood mononuclear cells that ship inside
the ``scanpy`` package (``datasets/10x_pbmc68k_reduced.h5ad``: a subsample of 10x
Genomics' 68k PBMC data set, 765 highly variable genes, scaled and log-normalised, so
its values are real numbers, negative ones included, not counts), with each cell's type
from ``obs["bulk_labels"]`` (10 types). The file is read with ``anndata`` (installed with
scanpy) once per process; every call returns fresh copies. Nothing downloads.
"""
from __future__ import annotations

import functools
import math
import warnings

import numpy as np
import torch

from coursekit.data.motifs import one_hot_codes
from coursekit.data.packaged import package_file

PBMC_FILE = "datasets/10x_pbmc68k_reduced.h5ad"


def expression_programs(n_cells: int = 600, n_genes: int = 200, n_programs: int = 5, n_types: int = 4,
                        noise: float = 0.3, seed: int = 0):
    """``(x, labels)``: float32 ``[n_cells, n_genes]`` expression, each gene centred and
    scaled to unit variance (as scanpy's ``pp.scale``), and int64 ``[n_cells]`` cell types
    ``0 .. n_types - 1`` (equal shares as far as ``n_cells`` allows, shuffled). A cell's
    activity in each of ``n_programs`` gene programs is its type's centre plus its own
    variation; its expression is that activity times the programs' gene loadings, plus
    Gaussian noise of standard deviation ``noise`` (before scaling)."""
    g = torch.Generator().manual_seed(seed)
    loadings = torch.randn(n_programs, n_genes, generator=g) / math.sqrt(n_programs)
    centres = 2.0 * torch.randn(n_types, n_programs, generator=g)
    labels = (torch.arange(n_cells) % n_types)[torch.randperm(n_cells, generator=g)]
    activity = centres[labels] + 0.5 * torch.randn(n_cells, n_programs, generator=g)
    x = activity @ loadings + noise * torch.randn(n_cells, n_genes, generator=g)
    x = (x - x.mean(dim=0)) / x.std(dim=0).clamp_min(1e-6)
    return x.float(), labels


def simulated_counts(n_cells: int = 500, n_genes: int = 100, n_types: int = 3, seed: int = 0):
    """``(counts, library, labels, mean, theta)``: UMI counts float32 ``[n_cells, n_genes]``
    (whole numbers), each cell's library size float32 ``[n_cells]`` (its counts' total),
    int64 cell types ``[n_cells]``, and the truth they were drawn from: the mean float32
    ``[n_cells, n_genes]`` (the cell's expected library size, log-normal around 2,000,
    times its type's gene proportions) and the dispersion per gene float32 ``[n_genes]``
    (0.5 to 5). ``counts[i, j] ~ NegativeBinomial`` with mean ``mean[i, j]`` and variance
    ``mean + mean ** 2 / theta[j]`` (a gamma-Poisson mixture)."""
    rng = np.random.default_rng(seed)
    profiles = rng.dirichlet(np.full(n_genes, 0.3), size=n_types)  # [types, genes], rows sum to 1
    labels = rng.permutation(np.arange(n_cells) % n_types)
    size = np.exp(rng.normal(math.log(2000.0), 0.4, size=n_cells))  # expected library sizes
    mean = size[:, None] * profiles[labels]
    theta = rng.uniform(0.5, 5.0, size=n_genes)
    rates = rng.gamma(shape=theta, scale=mean / theta)  # gamma-Poisson: negative binomial counts
    counts = rng.poisson(rates).astype(np.float32)
    return (torch.from_numpy(counts), torch.from_numpy(counts.sum(axis=1)), torch.from_numpy(labels).long(),
            torch.from_numpy(mean).float(), torch.from_numpy(theta).float())


def sequence_families(n: int = 256, length: int = 40, n_families: int = 4, mutation_rate: float = 0.1,
                      gc: float = 0.6, seed: int = 0):
    """``(x, families)``: one-hot DNA float32 ``[n, 4, length]`` (channels A, C, G, T; one
    1 per position) and int64 ``[n]`` family codes ``0 .. n_families - 1`` (equal shares as
    far as ``n`` allows, shuffled). Each family's ancestor draws its bases independently with
    G and C each ``gc / 2``, A and T each ``(1 - gc) / 2``; a member copies its ancestor and
    redraws each base with probability ``mutation_rate`` from the same composition."""
    g = torch.Generator().manual_seed(seed)
    composition = torch.tensor([1 - gc, gc, gc, 1 - gc]) / 2
    ancestors = torch.multinomial(composition, n_families * length, replacement=True,
                                  generator=g).view(n_families, length)
    families = (torch.arange(n) % n_families)[torch.randperm(n, generator=g)]
    bases = ancestors[families]
    redraw = torch.rand(n, length, generator=g) < mutation_rate
    fresh = torch.multinomial(composition, n * length, replacement=True, generator=g).view(n, length)
    bases = torch.where(redraw, fresh, bases)
    return one_hot_codes(bases), families


@functools.lru_cache(maxsize=1)
def _pbmc():
    path = package_file("scanpy", PBMC_FILE, "The pbmc68k_reduced cells")
    try:
        import anndata
    except ModuleNotFoundError:
        raise ModuleNotFoundError("reading the pbmc68k_reduced cells needs the Python package 'anndata' "
                                  "(installed with scanpy): pip install -r requirements.txt") from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the file's older layout: anndata moves two matrices, saying so
        cells = anndata.read_h5ad(path)
    types = cells.obs["bulk_labels"]
    names = tuple(str(c) for c in types.cat.categories)
    x = torch.tensor(cells.X, dtype=torch.float32)
    labels = torch.tensor(types.cat.codes.to_numpy(), dtype=torch.int64)
    genes = tuple(str(g) for g in cells.var_names)
    return x, labels, names, genes


def pbmc68k_reduced():
    """``(x, labels, cell_types, genes)``: float32 ``[700, 765]`` scaled expression (cells x
    genes), int64 ``[700]`` cell-type codes indexing ``cell_types`` (10 names, in the
    file's category order), and the 765 gene names; in the file's cell order."""
    x, labels, names, genes = _pbmc()
    return x.clone(), labels.clone(), names, genes


def warm_cache() -> None:
    """Read the cells now (about 3 s, most of it importing anndata): a grading worker calls
    this once, before it forks the processes that grade notebooks."""
    _pbmc()
