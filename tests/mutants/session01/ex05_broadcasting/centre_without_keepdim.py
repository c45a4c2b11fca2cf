"""Mutant: the row means without keepdim (shape [genes]) line up with the columns: wrong
numbers on a square matrix, a broadcasting error or a wrong shape otherwise."""
from reference.session01.ex05_broadcasting import calculate_pairwise_distances  # noqa: F401

CAUGHT_BY = {"centering"}


def center_expression(expr_matrix):
    return expr_matrix - expr_matrix.mean(dim=1)
