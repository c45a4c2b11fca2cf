"""Mutant: min-max scaling with the min and max of the whole matrix, not of each gene."""
import torch

from reference.session01.ex02_expression_matrix import expression_statistics, top_variable_genes  # noqa: F401

CAUGHT_BY = {"minmax"}


def normalize_expression(expr_matrix, method="zscore"):
    flat = expr_matrix.amax(dim=1, keepdim=True) == expr_matrix.amin(dim=1, keepdim=True)
    if method == "zscore":
        std = torch.where(flat, 1.0, expr_matrix.std(dim=1, keepdim=True))
        return torch.where(flat, 0.0, (expr_matrix - expr_matrix.mean(dim=1, keepdim=True)) / std)
    if method == "minmax":
        low, high = expr_matrix.min(), expr_matrix.max()
        return torch.where(flat, 0.0, (expr_matrix - low) / (high - low))
    raise ValueError(f"unknown method {method!r}")
