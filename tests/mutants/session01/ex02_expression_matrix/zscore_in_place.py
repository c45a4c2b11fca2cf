"""Mutant: z-scores computed in place on the input (sub_, div_) and the input returned."""
import torch

from reference.session01.ex02_expression_matrix import expression_statistics, top_variable_genes  # noqa: F401

CAUGHT_BY = {"input_untouched"}


def normalize_expression(expr_matrix, method="zscore"):
    if method not in ("zscore", "minmax"):
        raise ValueError(f"unknown method {method!r}")
    flat = expr_matrix.amax(dim=1, keepdim=True) == expr_matrix.amin(dim=1, keepdim=True)
    if method == "zscore":
        std = expr_matrix.std(dim=1, keepdim=True)
        expr_matrix.sub_(expr_matrix.mean(dim=1, keepdim=True)).div_(torch.where(flat, 1.0, std))
        expr_matrix.masked_fill_(flat, 0.0)
        return expr_matrix
    low = expr_matrix.amin(dim=1, keepdim=True)
    span = torch.where(flat, 1.0, expr_matrix.amax(dim=1, keepdim=True) - low)
    return torch.where(flat, 0.0, (expr_matrix - low) / span)
