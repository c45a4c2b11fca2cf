"""Mutant: features and labels are each shuffled with their own randperm draw, so the sets are
right for the features but the labels belong to other rows."""
import torch

from reference.session02.ex05_train_validation import plot_training_curves, train_with_validation  # noqa: F401

CAUGHT_BY = {"split"}


def split_data(features, labels, train_ratio=0.8, seed=42):
    generator = torch.Generator().manual_seed(seed)
    n = len(features)
    cut = int(train_ratio * n)
    feature_order = torch.randperm(n, generator=generator)
    label_order = torch.randperm(n, generator=generator)
    return (features[feature_order[:cut]], labels[label_order[:cut]],
            features[feature_order[cut:]], labels[label_order[cut:]])
