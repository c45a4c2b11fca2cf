"""Mutant: any method other than 'minmax' silently gives z-scores (no ValueError)."""
import torch

from reference.session01.ex02_expression_matrix import expression_statistics, top_variable_genes  # noqa: F401

CAUGHT_BY = {"unknown_method"}


def normalize_expression(expr_matrix, method="zscore"):
    flat = expr_matrix.amax(dim=1, keepdim=True) == expr_matrix.amin(dim=1, keepdim=True)
    if method == "minmax":
        low = expr_matrix.amin(dim=1, keepdim=True)
        span = torch.where(flat, 1.0, expr_matrix.amax(dim=1, keepdim=True) - low)
        return torch.where(flat, 0.0, (expr_matrix - low) / span)
    std = torch.where(flat, 1.0, expr_matrix.std(dim=1, keepdim=True))
    return torch.where(flat, 0.0, (expr_matrix - expr_matrix.mean(dim=1, keepdim=True)) / std)
