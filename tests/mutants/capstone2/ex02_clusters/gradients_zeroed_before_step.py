"""Mutant: the gradients cleared between backward() and step(), so Adam never moves a weight: the
model is evaluated as initialised."""
import torch

from reference.capstone2.ex02_clusters import cluster_cells, latent_means, plot_latent  # noqa: F401
from reference.capstone2.ex02_clusters import adjusted_rand_score

CAUGHT_BY = {"training_budget", "heldout_ari", "heldout_ari_hidden"}


def train_vae(model, loss_fn, x, library=None, steps=300, batch_size=128, lr=3e-3, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    losses = []
    for _step in range(steps):
        idx = torch.randint(0, x.shape[0], (batch_size,), generator=generator)
        loss = loss_fn(model, x[idx], None if library is None else library[idx])
        loss.backward()
        optimizer.zero_grad()
        optimizer.step()
        losses.append(loss.item())
    return losses


def heldout_ari(model, loss_fn, x, library, labels, train_idx, test_idx, n_clusters, generator=None):
    train_idx, test_idx = torch.as_tensor(train_idx), torch.as_tensor(test_idx)
    train_library = None if library is None else library[train_idx]
    train_vae(model, loss_fn, x[train_idx], train_library, generator=generator)
    clusters = cluster_cells(latent_means(model, x[test_idx]), n_clusters)
    return float(adjusted_rand_score(labels[test_idx].numpy(), clusters.numpy())), clusters
