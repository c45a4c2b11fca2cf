"""Mutant: the k-nearest-neighbour graph used as it comes from scikit-learn, directed (a cell's
edges to its own neighbours only), not made symmetric."""
import numpy as np
import torch
from scipy.sparse.csgraph import dijkstra
from sklearn.neighbors import kneighbors_graph

CAUGHT_BY = {"pseudotime_matches"}


def knn_graph(z, k=15):
    return kneighbors_graph(z.detach().cpu().numpy(), k, mode="distance")


def pseudotime(z, root, k=15):
    distances = dijkstra(knn_graph(z, k), directed=True, indices=root)
    reached = np.isfinite(distances)
    longest = distances[reached].max()
    scaled = np.where(reached, distances / (longest if longest > 0 else 1.0), 1.0)
    return torch.as_tensor(scaled, dtype=torch.float32)
