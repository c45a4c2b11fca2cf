"""Mutant: the course guide's generator, seeded with torch.manual_seed(seed) and drawing from
torch's global generator: reproducible, but it resets the caller's random numbers."""
import torch

from reference.session02.ex04_variant_classifier import (  # noqa: F401
    binary_cross_entropy_loss, logistic_model, train_classifier)

CAUGHT_BY = {"variant_data_seeded"}


def generate_variant_data(n_samples=1000, seed=42):
    torch.manual_seed(seed)
    n_pathogenic = n_samples // 2
    n_benign = n_samples - n_pathogenic
    pathogenic = torch.stack([torch.randn(n_pathogenic) * 0.15 + 0.85,
                              torch.randn(n_pathogenic) * 0.05 + 0.02,
                              torch.randn(n_pathogenic) * 6 + 25,
                              torch.randn(n_pathogenic) * 0.15 + 0.8,
                              torch.randn(n_pathogenic) * 0.1 + 0.1], dim=1)
    benign = torch.stack([torch.randn(n_benign) * 0.2 + 0.35, torch.randn(n_benign) * 0.2 + 0.4,
                          torch.randn(n_benign) * 5 + 10, torch.randn(n_benign) * 0.2 + 0.25,
                          torch.randn(n_benign) * 0.2 + 0.7], dim=1)
    features = torch.cat([pathogenic, benign])
    features = torch.minimum(features.clamp(min=0), torch.tensor([1.0, 1.0, 40.0, 1.0, 1.0]))
    labels = torch.cat([torch.ones(n_pathogenic), torch.zeros(n_benign)])
    order = torch.randperm(n_samples)
    return features[order], labels[order]
