"""Mutant: centres on each sample's (column's) mean, dim=0, instead of each gene's (row's)."""
from reference.session01.ex05_broadcasting import calculate_pairwise_distances  # noqa: F401

CAUGHT_BY = {"centering"}


def center_expression(expr_matrix):
    return expr_matrix - expr_matrix.mean(dim=0, keepdim=True)
