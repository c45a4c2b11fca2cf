"""Mutant: labels leaked into the clustering: k-means starts from the centroids of the true cell
types of the held-out cells, so the clusters it reports are partly read off the answer."""
import torch
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

from reference.capstone2.ex02_clusters import cluster_cells, latent_means, plot_latent, train_vae  # noqa: F401

CAUGHT_BY = {"heldout_ari_matches"}


def heldout_ari(model, loss_fn, x, library, labels, train_idx, test_idx, n_clusters, generator=None):
    train_idx, test_idx = torch.as_tensor(train_idx), torch.as_tensor(test_idx)
    train_library = None if library is None else library[train_idx]
    train_vae(model, loss_fn, x[train_idx], train_library, generator=generator)
    z = latent_means(model, x[test_idx])
    truth = labels[test_idx]
    centres = torch.stack([z[truth == c].mean(dim=0) for c in range(n_clusters)]).numpy()
    clusters = torch.as_tensor(KMeans(n_clusters, init=centres, n_init=1).fit_predict(z.numpy()))
    return float(adjusted_rand_score(truth.numpy(), clusters.numpy())), clusters
