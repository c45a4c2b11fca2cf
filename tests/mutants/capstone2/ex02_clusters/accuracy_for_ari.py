"""Mutant: the clusters scored by plain accuracy (cluster id equal to the type code) instead of the
adjusted Rand index: cluster ids are arbitrary, so this number means nothing."""
import torch

from reference.capstone2.ex02_clusters import cluster_cells, latent_means, plot_latent, train_vae  # noqa: F401

CAUGHT_BY = {"heldout_ari_matches"}


def heldout_ari(model, loss_fn, x, library, labels, train_idx, test_idx, n_clusters, generator=None):
    train_idx, test_idx = torch.as_tensor(train_idx), torch.as_tensor(test_idx)
    train_library = None if library is None else library[train_idx]
    train_vae(model, loss_fn, x[train_idx], train_library, generator=generator)
    clusters = cluster_cells(latent_means(model, x[test_idx]), n_clusters)
    return float((clusters == labels[test_idx]).double().mean()), clusters
