"""Mutant: diversity averages over all n * n ordered pairs, the n zero distances of each
design to itself among them: every diversity is too low, most for small sets."""
from reference.capstone3.ex04_evaluation import _codes, nearest_distances, novelty, plot_scores  # noqa: F401

CAUGHT_BY = {'diversity'}


def diversity(designs):
    n = len(designs)
    if n < 2:
        return 0.0
    codes = _codes(designs)
    differ = (codes.unsqueeze(0) != codes.unsqueeze(1)).sum(dim=2).double()
    return (differ.sum() / (n * n)).item() / codes.shape[1]
