"""Data for session 9 (GANs): labelled log-expression and DNA drawn from a motif's PWM.

Every function draws from its own seeded generator (numpy's for counts, torch's for
sequences), never from the global random state.

- ``log_expression``: cells of a few types, ``log1p`` of negative-binomial UMI counts:
  unscaled, non-negative, skewed values (what a Tanh output cannot reach before they are
  scaled to [-1, 1]), each type with its own gene means.
- ``CTCF_PWM`` / ``motif_pwm``: a position weight matrix built from the CTCF core
  consensus (JASPAR MA0139.1, 19 bp), most of each column's weight on the consensus
  base; ``pwm_sequences`` draws one-hot DNA from a PWM, each position independently:
  what a sequence GAN should learn to generate.
"""
from __future__ import annotations

import math

import numpy as np
import torch

from coursekit.data.motifs import BASES, one_hot_codes

CTCF_CONSENSUS = "TGGCCACCAGGGGGCGCTA"


def log_expression(n_cells: int = 600, n_genes: int = 50, n_types: int = 4, seed: int = 0):
    """``(x, labels)``: float32 ``[n_cells, n_genes]`` ``log1p`` UMI counts and int64
    ``[n_cells]`` cell types ``0 .. n_types - 1`` (equal shares as far as ``n_cells``
    allows, shuffled). A cell's counts are negative binomial (gamma-Poisson, dispersion 2)
    around its library size (log-normal around 1,000) times its type's gene proportions
    (each type's a Dirichlet draw): types differ in their gene means."""
    rng = np.random.default_rng(seed)
    profiles = rng.dirichlet(np.full(n_genes, 0.5), size=n_types)
    labels = rng.permutation(np.arange(n_cells) % n_types)
    size = np.exp(rng.normal(math.log(1000.0), 0.3, size=n_cells))
    mean = size[:, None] * profiles[labels]
    counts = rng.poisson(rng.gamma(shape=2.0, scale=mean / 2.0))
    return torch.from_numpy(np.log1p(counts).astype(np.float32)), torch.from_numpy(labels).long()


def motif_pwm(consensus: str, weight: float = 0.7) -> torch.Tensor:
    """float32 ``[4, len(consensus)]`` (rows A, C, G, T): each column puts ``weight`` on the
    consensus base and shares the rest equally among the other three; columns sum to 1."""
    pwm = torch.full((4, len(consensus)), (1.0 - weight) / 3)
    for j, base in enumerate(consensus.upper()):
        pwm[BASES.index(base), j] = weight
    return pwm


CTCF_PWM = motif_pwm(CTCF_CONSENSUS)


def pwm_sequences(n: int, pwm: torch.Tensor = CTCF_PWM, seed: int = 0) -> torch.Tensor:
    """float32 one-hot ``[n, 4, L]`` DNA: position ``j`` of each sequence drawn
    independently from column ``j`` of ``pwm`` (``[4, L]``, columns summing to 1)."""
    g = torch.Generator().manual_seed(seed)
    length = pwm.shape[1]
    columns = pwm.t().double().repeat(n, 1)  # [n * L, 4]
    bases = torch.multinomial(columns, 1, generator=g).view(n, length)
    return one_hot_codes(bases)
