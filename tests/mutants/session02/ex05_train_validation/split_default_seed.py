"""Mutant: the default seed is 0 instead of 42."""
import torch

from reference.session02.ex05_train_validation import plot_training_curves, train_with_validation  # noqa: F401

CAUGHT_BY = {"split_seeded"}


def split_data(features, labels, train_ratio=0.8, seed=0):
    order = torch.randperm(len(features), generator=torch.Generator().manual_seed(seed))
    cut = int(train_ratio * len(features))
    return features[order[:cut]], labels[order[:cut]], features[order[cut:]], labels[order[cut:]]
