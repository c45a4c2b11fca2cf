"""Mutant: computes only the pairs i < j (to save half the work) and forgets to mirror them,
so the lower triangle stays 0."""
import torch

from reference.session01.ex05_broadcasting import center_expression  # noqa: F401

CAUGHT_BY = {"distances", "distance_properties"}


def calculate_pairwise_distances(sequences_tensor):
    differs = (sequences_tensor[:, None] != sequences_tensor[None, :]).any(dim=2).sum(dim=2)
    return torch.triu(differs.float(), diagonal=1)
