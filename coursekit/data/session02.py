"""Data for session 2 (autograd and the training loop): small, seeded, genomics-flavoured.

Every function takes a ``seed`` and draws from its own ``torch.Generator``, so it
neither reads nor changes the global random state.
"""
from __future__ import annotations

import torch

# Per feature: (mean if pathogenic, mean if benign, spread), before scaling to [0, 1].
VARIANT_FEATURES = {
    "conservation": (0.75, 0.45, 0.18),
    "allele_frequency": (0.08, 0.30, 0.15),
    "cadd": (22.0, 14.0, 6.0),
    "polyphen": (0.65, 0.40, 0.22),
    "sift": (0.30, 0.55, 0.22),
}


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def tf_binding_expression(n: int = 50, seed: int = 42, weight: float = 2.5, bias: float = 1.0,
                          noise: float = 0.2):
    """Expression = ``weight`` * TF binding + ``bias`` + Gaussian noise of std ``noise``.

    The binding scores are ``torch.linspace(0, 1, n)``. Returns ``x`` and ``y``,
    float32 ``[n]`` each.
    """
    x = torch.linspace(0, 1, n)
    y = weight * x + bias + noise * torch.randn(n, generator=_gen(seed))
    return x, y


def variant_dataset(n: int = 1000, seed: int = 0):
    """Variants with 5 annotation scores, half of them pathogenic, shuffled.

    Each score is drawn from a normal whose mean depends on the class
    (``VARIANT_FEATURES``), so the classes overlap and no classifier is perfect; each
    column is then scaled to [0, 1] by its own minimum and maximum. Returns
    ``features`` float32 ``[n, 5]`` and ``labels`` float32 ``[n]`` (1 = pathogenic).
    """
    g = _gen(seed)
    labels = torch.zeros(n)
    labels[torch.randperm(n, generator=g)[: n // 2]] = 1.0
    columns = []
    for pathogenic_mean, benign_mean, spread in VARIANT_FEATURES.values():
        mean = torch.where(labels == 1, pathogenic_mean, benign_mean)
        columns.append(mean + spread * torch.randn(n, generator=g))
    features = torch.stack(columns, dim=1)
    low, high = features.min(dim=0).values, features.max(dim=0).values
    return (features - low) / (high - low), labels
