"""Mutant: z-scores taken per sample (down each column, dim=0) instead of per gene (dim=1)."""
import torch

from reference.session01.ex02_expression_matrix import expression_statistics, top_variable_genes  # noqa: F401

CAUGHT_BY = {"zscore"}


def normalize_expression(expr_matrix, method="zscore"):
    if method == "zscore":
        mean = expr_matrix.mean(dim=0, keepdim=True)
        std = expr_matrix.std(dim=0, keepdim=True)
    elif method == "minmax":
        mean = expr_matrix.amin(dim=1, keepdim=True)
        std = expr_matrix.amax(dim=1, keepdim=True) - mean
    else:
        raise ValueError(f"unknown method {method!r}")
    flat = expr_matrix.amax(dim=1, keepdim=True) == expr_matrix.amin(dim=1, keepdim=True)
    return torch.where(flat, 0.0, (expr_matrix - mean) / torch.where(std == 0, 1.0, std))
