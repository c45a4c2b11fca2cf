"""Mutant: the training loop never calls optimizer.zero_grad(): every batch's gradient is
added to all the earlier ones, so the steps follow a stale sum and the linear autoencoder
does not settle on PCA's subspace."""
import torch
import torch.nn.functional as F

from reference.session08.ex01_autoencoder import Autoencoder, reconstruction_error  # noqa: F401

CAUGHT_BY = {"nears_pca"}


def train_autoencoder(model, x, epochs=50, lr=0.03, batch_size=64, generator=None):
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    n = x.shape[0]
    losses = []
    for _ in range(epochs):
        order = torch.randperm(n, generator=generator)
        total = 0.0
        for start in range(0, n, batch_size):
            batch = x[order[start:start + batch_size]]
            loss = F.mse_loss(model(batch), batch)
            loss.backward()
            optimizer.step()
            total += loss.item() * batch.shape[0]
        losses.append(total / n)
    model.eval()
    return losses
