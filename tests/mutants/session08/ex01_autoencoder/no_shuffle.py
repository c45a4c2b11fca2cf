"""Mutant: the cells are walked in their stored order every epoch (no shuffling), so the
generator is never used and the batches are the same each epoch."""
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
        total = 0.0
        for start in range(0, n, batch_size):
            batch = x[start:start + batch_size]
            optimizer.zero_grad()
            loss = F.mse_loss(model(batch), batch)
            loss.backward()
            optimizer.step()
            total += loss.item() * batch.shape[0]
        losses.append(total / n)
    model.eval()
    return losses
