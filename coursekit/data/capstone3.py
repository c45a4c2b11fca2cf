"""Data for capstone 3 (sequence design): short DNA, the kit's oracle that scores a design, and the
diffusion schedule every stage shares.

Every generator draws from its own ``torch.Generator``, never from the global random state.

- ``design_score(sequence)``: the oracle, the assay a design is judged by: how well the best window
  matches the E-box motif ``CACGTG`` (matching letters / 6) plus how close the GC content is to
  one half (1 at 0.5, falling linearly to 0 at 0.3 and 0.7). From 0 to 2.
- ``design_data(n, seed)``: sequences of 16 bases, each with its own GC rate, half of them holding
  the motif somewhere; labelled high (1) where the oracle scores them at least ``HIGH_SCORE``.
- ``design_betas()``: the linear schedule, 100 steps from 1e-3 to 0.2 (float64).
"""
from __future__ import annotations

from typing import NamedTuple

import torch

from coursekit.data.motifs import BASES, one_hot_codes

MOTIF = "CACGTG"  # the E-box, bound by MYC/MAX and other bHLH factors
LENGTH = 16
HIGH_SCORE = 1.25  # label 1 (high) from this oracle score up
GC_CENTRE, GC_HALF_WIDTH = 0.5, 0.2


def design_score(sequence: str) -> float:
    """The oracle: best motif match (0 to 1) plus closeness of GC content to 0.5 (0 to 1)."""
    k = len(MOTIF)
    best = max((sum(a == b for a, b in zip(sequence[i:i + k], MOTIF))
                for i in range(len(sequence) - k + 1)), default=0)
    gc = (sequence.count("G") + sequence.count("C")) / len(sequence) if sequence else 0.0
    return best / k + max(0.0, 1.0 - abs(gc - GC_CENTRE) / GC_HALF_WIDTH)


def design_scores(sequences) -> torch.Tensor:
    """float64 ``[n]``: the oracle's score of each sequence."""
    return torch.tensor([design_score(s) for s in sequences], dtype=torch.float64)


class DesignData(NamedTuple):
    sequences: list  # n strings of LENGTH letters from ACGT
    onehot: torch.Tensor  # float32 [n, 4, LENGTH], rows A, C, G, T
    labels: torch.Tensor  # int64 [n]: 1 where the oracle scores the sequence >= HIGH_SCORE, else 0
    scores: torch.Tensor  # float64 [n]: the oracle's scores


def design_data(n: int = 1024, seed: int = 0) -> DesignData:
    """``n`` sequences of 16 bases. Each has its own GC rate, uniform in [0.2, 0.8] (each base G or
    C with that probability, then G or C equally, else A or T equally); each holds the motif with
    probability 1/2, at a start drawn uniformly from 0 to 10. Labels and scores from the oracle."""
    g = torch.Generator().manual_seed(seed)
    rates = 0.2 + 0.6 * torch.rand(n, 1, generator=g, dtype=torch.float64)
    strong = torch.rand(n, LENGTH, generator=g, dtype=torch.float64) < rates
    coin = torch.randint(0, 2, (n, LENGTH), generator=g)
    codes = torch.where(strong, torch.where(coin == 0, 1, 2), torch.where(coin == 0, 0, 3))
    planted = torch.rand(n, generator=g) < 0.5
    starts = torch.randint(0, LENGTH - len(MOTIF) + 1, (n,), generator=g)
    motif = torch.tensor([BASES.index(b) for b in MOTIF])
    for i in torch.nonzero(planted).flatten().tolist():
        codes[i, starts[i]:starts[i] + len(MOTIF)] = motif
    sequences = ["".join(BASES[c] for c in row) for row in codes.tolist()]
    scores = design_scores(sequences)
    return DesignData(sequences, one_hot_codes(codes), (scores >= HIGH_SCORE).long(), scores)


def design_betas(num_steps: int = 100, start: float = 1e-3, end: float = 0.2) -> torch.Tensor:
    """The noise schedule: ``num_steps`` betas evenly spaced from ``start`` to ``end``, float64."""
    return start + (end - start) / (num_steps - 1) * torch.arange(num_steps, dtype=torch.float64)
