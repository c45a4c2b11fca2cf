"""Mutant: the straight-line distance from the root in latent space, not the distance along the
graph of neighbours: a curved path's far end can look close."""
from reference.capstone2.ex04_pseudotime import knn_graph  # noqa: F401

CAUGHT_BY = {"pseudotime_matches", "pseudotime_root"}


def pseudotime(z, root, k=15):
    distances = (z - z[root]).norm(dim=1)
    return (distances / distances.max()).float()
