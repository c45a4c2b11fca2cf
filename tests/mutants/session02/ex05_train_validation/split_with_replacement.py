"""Mutant: the row numbers are drawn with replacement (torch.randint instead of a permutation),
so some rows appear twice, some in both sets and some in neither."""
import torch

from reference.session02.ex05_train_validation import plot_training_curves, train_with_validation  # noqa: F401

CAUGHT_BY = {"split", "split_seeded"}


def split_data(features, labels, train_ratio=0.8, seed=42):
    generator = torch.Generator().manual_seed(seed)
    n = len(features)
    rows = torch.randint(0, n, (n,), generator=generator)
    cut = int(train_ratio * n)
    return features[rows[:cut]], labels[rows[:cut]], features[rows[cut:]], labels[rows[cut:]]
