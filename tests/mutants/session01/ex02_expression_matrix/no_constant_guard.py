"""Mutant: no care for constant genes: 0 / 0 gives NaN rows."""
from reference.session01.ex02_expression_matrix import expression_statistics, top_variable_genes  # noqa: F401

CAUGHT_BY = {"constant_genes"}


def normalize_expression(expr_matrix, method="zscore"):
    if method == "zscore":
        return (expr_matrix - expr_matrix.mean(dim=1, keepdim=True)) / expr_matrix.std(dim=1, keepdim=True)
    if method == "minmax":
        low = expr_matrix.amin(dim=1, keepdim=True)
        return (expr_matrix - low) / (expr_matrix.amax(dim=1, keepdim=True) - low)
    raise ValueError(f"unknown method {method!r}")
