"""Mutant: z-scores divide by the biased std (numpy's default, dividing by n) instead of the
unbiased one the spec states."""
import torch

from reference.session01.ex02_expression_matrix import expression_statistics, top_variable_genes  # noqa: F401

CAUGHT_BY = {"zscore"}


def normalize_expression(expr_matrix, method="zscore"):
    if method == "zscore":
        low = expr_matrix.mean(dim=1, keepdim=True)
        scale = expr_matrix.std(dim=1, keepdim=True, unbiased=False)
    elif method == "minmax":
        low = expr_matrix.amin(dim=1, keepdim=True)
        scale = expr_matrix.amax(dim=1, keepdim=True) - low
    else:
        raise ValueError(f"unknown method {method!r}")
    flat = expr_matrix.amax(dim=1, keepdim=True) == expr_matrix.amin(dim=1, keepdim=True)
    return torch.where(flat, 0.0, (expr_matrix - low) / torch.where(flat, 1.0, scale))
