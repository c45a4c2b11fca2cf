"""Mutant: right distances, one row per step of a Python loop over the sequences
(broadcasting only inside the loop)."""
import torch

from reference.session01.ex05_broadcasting import center_expression  # noqa: F401

CAUGHT_BY = {"no_loop_over_pairs"}


def calculate_pairwise_distances(sequences_tensor):
    rows = []
    for one in sequences_tensor:
        rows.append((sequences_tensor != one).any(dim=1).sum(dim=1).float())
    return torch.stack(rows)
