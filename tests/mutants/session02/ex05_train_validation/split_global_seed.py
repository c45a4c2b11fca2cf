"""Mutant: split_data seeds torch's global generator (torch.manual_seed(seed), then torch.randperm),
so the split is right but the caller's random numbers are reset on every call."""
import torch

from reference.session02.ex05_train_validation import plot_training_curves, train_with_validation  # noqa: F401

CAUGHT_BY = {"split_seeded"}


def split_data(features, labels, train_ratio=0.8, seed=42):
    torch.manual_seed(seed)
    n_samples = features.shape[0]
    n_train = int(n_samples * train_ratio)
    indices = torch.randperm(n_samples)
    train_indices, val_indices = indices[:n_train], indices[n_train:]
    return features[train_indices], labels[train_indices], features[val_indices], labels[val_indices]
