"""Mutant: the default method is 'minmax' instead of 'zscore'."""
from reference.session01.ex02_expression_matrix import normalize_expression as _reference
from reference.session01.ex02_expression_matrix import expression_statistics, top_variable_genes  # noqa: F401

CAUGHT_BY = {"zscore"}


def normalize_expression(expr_matrix, method="minmax"):
    return _reference(expr_matrix, method)
