"""Mutant: subtracts in place (-=), so the caller's matrix is overwritten (the returned
values are right)."""
from reference.session01.ex05_broadcasting import calculate_pairwise_distances  # noqa: F401

CAUGHT_BY = {"centering"}


def center_expression(expr_matrix):
    expr_matrix -= expr_matrix.mean(dim=1, keepdim=True)
    return expr_matrix
