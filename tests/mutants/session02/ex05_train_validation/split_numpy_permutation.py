"""Mutant: the shuffle comes from numpy (np.random.default_rng(seed).permutation): seeded and
reproducible, but not the split the spec prescribes, so it differs from everyone else's."""
import numpy as np
import torch

from reference.session02.ex05_train_validation import plot_training_curves, train_with_validation  # noqa: F401

CAUGHT_BY = {"split_seeded"}


def split_data(features, labels, train_ratio=0.8, seed=42):
    order = torch.from_numpy(np.random.default_rng(seed).permutation(len(features)))
    cut = int(train_ratio * len(features))
    return features[order[:cut]], labels[order[:cut]], features[order[cut:]], labels[order[cut:]]
