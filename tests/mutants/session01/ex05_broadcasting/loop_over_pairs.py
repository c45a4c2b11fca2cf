"""Mutant: right distances from a double Python loop over the pairs of sequences."""
import torch

from reference.session01.ex05_broadcasting import center_expression  # noqa: F401

CAUGHT_BY = {"no_loop_over_pairs"}


def calculate_pairwise_distances(sequences_tensor):
    n = sequences_tensor.shape[0]
    distances = torch.zeros(n, n)
    for i in range(n):
        for j in range(n):
            distances[i, j] = (sequences_tensor[i] != sequences_tensor[j]).any(dim=0).sum()
    return distances
