"""Mutant: the seed is ignored and every number drawn from torch's global generator, so the
same seed gives other data on every call (and the caller's random stream moves on)."""
import torch

from reference.session02.ex04_variant_classifier import (  # noqa: F401
    binary_cross_entropy_loss, logistic_model, train_classifier)

CAUGHT_BY = {"variant_data_seeded"}


def generate_variant_data(n_samples=1000, seed=42):
    n_pathogenic = n_samples // 2
    labels = (torch.arange(n_samples) < n_pathogenic).float()
    sick = labels == 1
    means = [(0.85, 0.35), (0.02, 0.4), (25.0, 10.0), (0.8, 0.25), (0.1, 0.7)]
    stds = [(0.15, 0.2), (0.05, 0.2), (6.0, 5.0), (0.15, 0.2), (0.1, 0.2)]
    columns = []
    for (mp, mb), (sp, sb), top in zip(means, stds, (1, 1, 40, 1, 1)):
        z = torch.randn(n_samples)
        columns.append(torch.where(sick, mp + sp * z, mb + sb * z).clamp(0, top))
    order = torch.randperm(n_samples)
    return torch.stack(columns, 1)[order], labels[order]
