"""Mutant: an N matches every base: only positions where both sequences have a base and
the bases differ are counted (breaks the triangle inequality: A-N-C)."""
from reference.session01.ex05_broadcasting import center_expression  # noqa: F401

CAUGHT_BY = {"distance_properties", "unknown_positions"}


def calculate_pairwise_distances(sequences_tensor):
    known = sequences_tensor.sum(dim=1)
    both_known = known[:, None, :] * known[None, :, :]
    same = (sequences_tensor[:, None] * sequences_tensor[None, :]).sum(dim=2)
    return (both_known - same).sum(dim=2)
