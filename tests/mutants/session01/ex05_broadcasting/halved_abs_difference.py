"""Mutant: the entry-wise |a - b| summed and halved: right for two bases, but N vs a base
gives 0.5 instead of 1."""
from reference.session01.ex05_broadcasting import center_expression  # noqa: F401

CAUGHT_BY = {"distance_properties", "unknown_positions"}


def calculate_pairwise_distances(sequences_tensor):
    diff = (sequences_tensor[:, None] - sequences_tensor[None, :]).abs()
    return diff.sum(dim=(2, 3)) / 2
