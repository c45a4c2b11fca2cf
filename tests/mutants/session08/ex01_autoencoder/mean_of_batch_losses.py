"""Mutant: an epoch's loss is the plain mean of its batch losses; with a smaller last batch
that weighs its cells more than the others (not the MSE over the epoch's entries)."""
import torch
import torch.nn.functional as F

from reference.session08.ex01_autoencoder import Autoencoder, reconstruction_error  # noqa: F401

CAUGHT_BY = {"seeded_training"}


def train_autoencoder(model, x, epochs=50, lr=0.03, batch_size=64, generator=None):
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    n = x.shape[0]
    losses = []
    for _ in range(epochs):
        order = torch.randperm(n, generator=generator)
        batch_losses = []
        for start in range(0, n, batch_size):
            batch = x[order[start:start + batch_size]]
            optimizer.zero_grad()
            loss = F.mse_loss(model(batch), batch)
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.item())
        losses.append(sum(batch_losses) / len(batch_losses))
    model.eval()
    return losses
