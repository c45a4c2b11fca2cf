"""Mutant: the batches drawn from torch's global generator, ignoring the one given."""
import torch

from reference.capstone2.ex02_clusters import cluster_cells, heldout_ari, latent_means, plot_latent  # noqa: F401

CAUGHT_BY = {"training_budget"}


def train_vae(model, loss_fn, x, library=None, steps=300, batch_size=128, lr=3e-3, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    losses = []
    for _step in range(steps):
        idx = torch.randint(0, x.shape[0], (batch_size,))
        loss = loss_fn(model, x[idx], None if library is None else library[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
