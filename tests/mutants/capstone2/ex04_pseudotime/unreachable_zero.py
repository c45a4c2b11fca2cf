"""Mutant: cells the root cannot reach get pseudotime 0, as if they were the root."""
import numpy as np
import torch
from scipy.sparse.csgraph import dijkstra

from reference.capstone2.ex04_pseudotime import knn_graph

CAUGHT_BY = {"pseudotime_root"}


def pseudotime(z, root, k=15):
    distances = dijkstra(knn_graph(z, k), directed=False, indices=root)
    reached = np.isfinite(distances)
    longest = distances[reached].max()
    scaled = np.where(reached, distances / (longest if longest > 0 else 1.0), 0.0)
    return torch.as_tensor(scaled, dtype=torch.float32)
