"""Mutant: L minus the matching bases from a matrix product: right for A, C, G, T, but an
N never 'matches', so N vs N counts 1 (a sequence with an N is not at distance 0 from itself)."""
import torch

from reference.session01.ex05_broadcasting import center_expression  # noqa: F401

CAUGHT_BY = {"distance_properties", "unknown_positions"}


def calculate_pairwise_distances(sequences_tensor):
    matches = torch.einsum("ikl,jkl->ij", sequences_tensor, sequences_tensor)
    return sequences_tensor.shape[2] - matches
