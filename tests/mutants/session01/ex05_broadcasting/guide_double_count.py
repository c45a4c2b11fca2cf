"""Mutant: the session guide's version: (a != b) summed over the 4 rows and the positions,
which counts a mismatch between two bases twice (and N vs a base once)."""
from reference.session01.ex05_broadcasting import center_expression  # noqa: F401

CAUGHT_BY = {"distances", "distance_properties", "unknown_positions", "no_loop_over_pairs"}


def calculate_pairwise_distances(sequences_tensor):
    seq_a = sequences_tensor.unsqueeze(1)
    seq_b = sequences_tensor.unsqueeze(0)
    return (seq_a != seq_b).float().sum(dim=(2, 3))
