"""Mutant: min-max scaling written with -= and /= on the input (z-scores are fine)."""
import torch

from reference.session01.ex02_expression_matrix import expression_statistics, top_variable_genes  # noqa: F401

CAUGHT_BY = {"input_untouched"}


def normalize_expression(expr_matrix, method="zscore"):
    flat = expr_matrix.amax(dim=1, keepdim=True) == expr_matrix.amin(dim=1, keepdim=True)
    if method == "zscore":
        std = torch.where(flat, 1.0, expr_matrix.std(dim=1, keepdim=True))
        return torch.where(flat, 0.0, (expr_matrix - expr_matrix.mean(dim=1, keepdim=True)) / std)
    if method == "minmax":
        x = expr_matrix
        low = x.amin(dim=1, keepdim=True)
        span = torch.where(flat, 1.0, x.amax(dim=1, keepdim=True) - low)
        x -= low
        x /= span
        return x
    raise ValueError(f"unknown method {method!r}")
