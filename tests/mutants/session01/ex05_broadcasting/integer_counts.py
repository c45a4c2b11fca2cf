"""Mutant: the counts of differing positions left as the int64 sum of booleans, not float32."""
from reference.session01.ex05_broadcasting import center_expression  # noqa: F401

CAUGHT_BY = {"distances"}


def calculate_pairwise_distances(sequences_tensor):
    differs = (sequences_tensor.unsqueeze(1) != sequences_tensor.unsqueeze(0)).any(dim=2)
    return differs.sum(dim=-1)
