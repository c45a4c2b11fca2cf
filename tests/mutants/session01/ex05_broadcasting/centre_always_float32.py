"""Mutant: centres in numpy and converts back with dtype=float32, so a float64 matrix
comes back as float32 (the values are right)."""
import torch

from reference.session01.ex05_broadcasting import calculate_pairwise_distances  # noqa: F401

CAUGHT_BY = {"centering"}


def center_expression(expr_matrix):
    values = expr_matrix.numpy()
    return torch.tensor(values - values.mean(axis=1, keepdims=True), dtype=torch.float32)
