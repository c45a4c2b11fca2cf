"""Mutant: the clusters and their ARI computed on the training cells, which the model has seen."""
import torch
from sklearn.metrics import adjusted_rand_score

from reference.capstone2.ex02_clusters import cluster_cells, latent_means, plot_latent, train_vae  # noqa: F401

CAUGHT_BY = {"heldout_ari_matches"}


def heldout_ari(model, loss_fn, x, library, labels, train_idx, test_idx, n_clusters, generator=None):
    train_idx = torch.as_tensor(train_idx)
    train_library = None if library is None else library[train_idx]
    train_vae(model, loss_fn, x[train_idx], train_library, generator=generator)
    clusters = cluster_cells(latent_means(model, x[train_idx]), n_clusters)
    return float(adjusted_rand_score(labels[train_idx].numpy(), clusters.numpy())), clusters
