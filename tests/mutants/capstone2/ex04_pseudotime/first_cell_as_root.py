"""Mutant: the distances measured from the first cell (indices=0) whatever root is given."""
import numpy as np
import torch
from scipy.sparse.csgraph import dijkstra

from reference.capstone2.ex04_pseudotime import knn_graph

CAUGHT_BY = {"pseudotime_matches", "pseudotime_root", "pseudotime_tracks_time",
             "pseudotime_tracks_time_hidden"}


def pseudotime(z, root, k=15):
    distances = dijkstra(knn_graph(z, k), directed=False, indices=0)
    reached = np.isfinite(distances)
    longest = distances[reached].max()
    scaled = np.where(reached, distances / (longest if longest > 0 else 1.0), 1.0)
    return torch.as_tensor(scaled, dtype=torch.float32)
