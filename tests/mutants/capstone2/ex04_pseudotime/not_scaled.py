"""Mutant: the graph distances returned as they are, never divided by the longest one."""
import numpy as np
import torch
from scipy.sparse.csgraph import dijkstra

from reference.capstone2.ex04_pseudotime import knn_graph

CAUGHT_BY = {"pseudotime_matches", "pseudotime_root"}


def pseudotime(z, root, k=15):
    distances = dijkstra(knn_graph(z, k), directed=False, indices=root)
    reached = np.isfinite(distances)
    return torch.as_tensor(np.where(reached, distances, distances[reached].max()), dtype=torch.float32)
