"""Data for session 3 (nn.Module): small, seeded, genomics-flavoured.

Every function takes a ``seed`` and draws from its own ``torch.Generator``, so it
neither reads nor changes the global random state.
"""
from __future__ import annotations

import numpy as np
import torch

BASES = "ACGT"
TATA_BOX = "TATAAAA"


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def tf_binding_expression(n: int = 200, seed: int = 42, noise: float = 0.1):
    """3 TF binding scores in [0, 1) -> expression = 2a - b + 0.5c + noise.

    Returns ``X`` float32 ``[n, 3]`` and ``y`` float32 ``[n]``.
    """
    g = _gen(seed)
    X = torch.rand(n, 3, generator=g)
    y = X @ torch.tensor([2.0, -1.0, 0.5]) + noise * torch.randn(n, generator=g)
    return X, y


def random_dna(n: int, length: int, seed: int) -> list[str]:
    """``n`` uniform random DNA strings of ``length`` bases."""
    idx = torch.randint(0, 4, (n, length), generator=_gen(seed)).tolist()
    return ["".join(BASES[i] for i in row) for row in idx]


def one_hot_flat(seqs: list[str]) -> torch.Tensor:
    """Trusted flattened one-hot (A, C, G, T; anything else all zeros): ``[n, 4L]``."""
    table = np.zeros((256, 4), dtype=np.float32)
    for i, base in enumerate(BASES):
        table[ord(base)] = table[ord(base.lower())] = np.eye(4, dtype=np.float32)[i]
    codes = np.array([np.frombuffer(s.encode("ascii"), dtype=np.uint8) for s in seqs])
    return torch.from_numpy(table[codes].reshape(len(seqs), -1))


def promoter_sequences(n: int = 500, length: int = 50, seed: int = 0):
    """Half promoters (start with the TATA box TATAAAA), half random; shuffled.

    Returns the sequences (list of str) and labels float32 ``[n]`` (1 = promoter).
    """
    seqs = random_dna(n, length, seed)
    g = _gen(seed + 1)
    labels = torch.zeros(n)
    labels[torch.randperm(n, generator=g)[: n // 2]] = 1.0
    seqs = [TATA_BOX + s[len(TATA_BOX):] if lab else s for s, lab in zip(seqs, labels.tolist())]
    return seqs, labels


def nonlinear_regression(n: int = 300, seed: int = 42):
    """``y = sin(3 x0) + cos(2 x1) + noise``; X float32 ``[n, 3]`` in [0, 1)."""
    g = _gen(seed)
    X = torch.rand(n, 3, generator=g)
    y = torch.sin(3 * X[:, 0]) + torch.cos(2 * X[:, 1]) + 0.1 * torch.randn(n, generator=g)
    return X, y


def wide_scale_regression(n: int = 500, n_features: int = 10, seed: int = 42):
    """Features with a large spread (std 5): ``y = sum(x) + noise``; for batch norm."""
    g = _gen(seed)
    X = 5 * torch.randn(n, n_features, generator=g)
    y = X.sum(dim=1) + 2 * torch.randn(n, generator=g)
    return X, y


def small_regression(n: int = 50, n_features: int = 5, seed: int = 42, noise: float = 0.5):
    """A small sum-of-features regression, prone to over-fitting; for dropout and init."""
    g = _gen(seed)
    X = torch.randn(n, n_features, generator=g)
    y = X.sum(dim=1) + noise * torch.randn(n, generator=g)
    return X, y


def multitask_expression(n: int = 500, n_features: int = 20, n_tissues: int = 3, seed: int = 42):
    """Expression and tissue from the same features; the tissue is predictable.

    The tissue is the argmax of ``n_tissues`` fixed linear read-outs of the features;
    expression = sum(features) + a tissue effect of (tissue - 1) * 2 + noise 0.5.
    Returns X float32 ``[n, n_features]``, expression float32 ``[n]``, tissue int64 ``[n]``.
    """
    g = _gen(seed)
    X = torch.randn(n, n_features, generator=g)
    readout = torch.randn(n_features, n_tissues, generator=g)
    tissue = (X @ readout).argmax(dim=1)
    expression = X.sum(dim=1) + (tissue.float() - 1) * 2 + 0.5 * torch.randn(n, generator=g)
    return X, expression, tissue


def digits_binary(seed: int = 0, n_val: int = 400):
    """scikit-learn's bundled 8x8 handwritten digits (1,797 images, no download).

    Task: is the digit 5 or more? Pixels scaled to [0, 1]. Returns float32
    ``X_train [N, 64], y_train [N], X_val [n_val, 64], y_val [n_val]``, split by seed.
    """
    from sklearn.datasets import load_digits

    digits = load_digits()
    X = torch.tensor(digits.data, dtype=torch.float32) / 16.0
    y = torch.tensor(digits.target >= 5, dtype=torch.float32)
    order = torch.randperm(len(X), generator=_gen(seed))
    val, train = order[:n_val], order[n_val:]
    return X[train], y[train], X[val], y[val]
