"""Mutant: subtracts the mean of the whole matrix, not each gene's own mean."""
from reference.session01.ex05_broadcasting import calculate_pairwise_distances  # noqa: F401

CAUGHT_BY = {"centering"}


def center_expression(expr_matrix):
    return expr_matrix - expr_matrix.mean()
