"""Mutant: a quarter of the training budget (75 steps), as if an epoch-style loop had been cut short."""
import torch
from sklearn.metrics import adjusted_rand_score

from reference.capstone2.ex02_clusters import cluster_cells, latent_means, plot_latent  # noqa: F401
from reference.capstone2.ex02_clusters import train_vae as _train_vae

CAUGHT_BY = {"training_budget", "heldout_ari", "heldout_ari_hidden", "pbmc_ari"}


def train_vae(model, loss_fn, x, library=None, steps=75, batch_size=128, lr=3e-3, generator=None):
    return _train_vae(model, loss_fn, x, library, steps, batch_size, lr, generator)


def heldout_ari(model, loss_fn, x, library, labels, train_idx, test_idx, n_clusters, generator=None):
    train_idx, test_idx = torch.as_tensor(train_idx), torch.as_tensor(test_idx)
    train_library = None if library is None else library[train_idx]
    train_vae(model, loss_fn, x[train_idx], train_library, generator=generator)
    clusters = cluster_cells(latent_means(model, x[test_idx]), n_clusters)
    return float(adjusted_rand_score(labels[test_idx].numpy(), clusters.numpy())), clusters
