"""Mutant: an unknown method raises ValueError, but the message does not say which method."""
from reference.session01.ex02_expression_matrix import normalize_expression as _reference
from reference.session01.ex02_expression_matrix import expression_statistics, top_variable_genes  # noqa: F401

CAUGHT_BY = {"unknown_method"}


def normalize_expression(expr_matrix, method="zscore"):
    if method not in ("zscore", "minmax"):
        raise ValueError("unknown normalisation method")
    return _reference(expr_matrix, method)
