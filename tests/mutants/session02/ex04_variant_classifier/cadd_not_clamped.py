"""Mutant: every score clamped to [0, 1] except CADD, which is left as drawn (negative CADD
scores for some benign variants, above 40 for some pathogenic ones)."""
import torch

from reference.session02.ex04_variant_classifier import (  # noqa: F401
    binary_cross_entropy_loss, logistic_model, train_classifier)

CAUGHT_BY = {"variant_data"}


def generate_variant_data(n_samples=1000, seed=42):
    g = torch.Generator().manual_seed(seed)
    sick = torch.arange(n_samples) < n_samples // 2
    recipe = [(0.85, 0.15, 0.35, 0.2), (0.02, 0.05, 0.4, 0.2), (25.0, 6.0, 10.0, 5.0),
              (0.8, 0.15, 0.25, 0.2), (0.1, 0.1, 0.7, 0.2)]
    columns = []
    for column, (mp, sp, mb, sb) in enumerate(recipe):
        z = torch.randn(n_samples, generator=g)
        score = torch.where(sick, mp + sp * z, mb + sb * z)
        columns.append(score if column == 2 else score.clamp(0, 1))
    order = torch.randperm(n_samples, generator=g)
    return torch.stack(columns, 1)[order], sick.float()[order]
