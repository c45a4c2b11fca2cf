"""Data for session 10 (diffusion): short DNA of two classes, low and high GC content.

Every function draws from its own seeded generator, never from the global random state.

- ``gc_labelled_dna``: one-hot sequences, label 0 (low GC) or 1 (high GC). Each base is G
  or C with its class's probability (then G or C equally), else A or T equally: what a
  diffusion model guided by the label should learn to design.
"""
from __future__ import annotations

import torch

from coursekit.data.motifs import one_hot_codes

A, C, G, T = range(4)


def gc_labelled_dna(n: int = 512, length: int = 12, low: float = 0.3, high: float = 0.7,
                    seed: int = 0):
    """``(x, labels)``: ``x`` float32 one-hot ``[n, 4, length]`` (rows A, C, G, T, channels
    first) and ``labels`` int64 ``[n]``, 0 or 1 in equal shares as far as ``n`` allows,
    shuffled. A base of a label-0 sequence is G or C with probability ``low``, of a label-1
    sequence with probability ``high``; every base is drawn independently."""
    g = torch.Generator().manual_seed(seed)
    labels = (torch.arange(n) % 2)[torch.randperm(n, generator=g)]
    p_gc = torch.where(labels == 1, high, low).unsqueeze(1)  # [n, 1]
    strong = torch.rand(n, length, generator=g) < p_gc
    coin = torch.randint(0, 2, (n, length), generator=g)
    codes = torch.where(strong, torch.where(coin == 0, C, G), torch.where(coin == 0, A, T))
    return one_hot_codes(codes), labels
