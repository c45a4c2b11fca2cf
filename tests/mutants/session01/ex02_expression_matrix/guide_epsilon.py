"""Mutant: the guide's way with constant genes, dividing by std + 1e-8: the float32 mean of
equal values can be off in the last bit, and that error divided by 1e-8 is far from 0."""
from reference.session01.ex02_expression_matrix import expression_statistics, top_variable_genes  # noqa: F401

CAUGHT_BY = {"constant_genes"}


def normalize_expression(expr_matrix, method="zscore"):
    if method == "zscore":
        mean = expr_matrix.mean(dim=1, keepdim=True)
        std = expr_matrix.std(dim=1, keepdim=True)
        return (expr_matrix - mean) / (std + 1e-8)
    if method == "minmax":
        low = expr_matrix.min(dim=1, keepdim=True)[0]
        high = expr_matrix.max(dim=1, keepdim=True)[0]
        return (expr_matrix - low) / (high - low + 1e-8)
    raise ValueError(f"Unknown normalization method: {method}")
