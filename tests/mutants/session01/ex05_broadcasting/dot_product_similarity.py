"""Mutant: the matrix product of the one-hot batches, the number of matching bases (a
similarity), returned as if it were the distance."""
import torch

from reference.session01.ex05_broadcasting import center_expression  # noqa: F401

CAUGHT_BY = {"distances", "distance_properties", "unknown_positions", "no_loop_over_pairs"}


def calculate_pairwise_distances(sequences_tensor):
    return torch.einsum("ikl,jkl->ij", sequences_tensor, sequences_tensor)
