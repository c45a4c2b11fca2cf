"""Mutant: pseudotime as the first principal component of the latent means, scaled to [0, 1],
never oriented from the root: which end is "early" is whatever sign the SVD returned."""
import torch

from reference.capstone2.ex04_pseudotime import knn_graph  # noqa: F401

CAUGHT_BY = {"pseudotime_matches", "pseudotime_root", "pseudotime_tracks_time"}


def pseudotime(z, root, k=15):
    centred = z - z.mean(dim=0)
    _, _, v = torch.linalg.svd(centred, full_matrices=False)
    axis = centred @ v[0]
    return ((axis - axis.min()) / (axis.max() - axis.min())).float()
