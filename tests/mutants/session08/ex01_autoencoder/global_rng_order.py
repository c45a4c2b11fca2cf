"""Mutant: the course guide's habit, torch.randperm(n) from the global generator: the
generator argument is ignored, so training is not reproducible from it and it draws from
(changes) torch's global random state."""
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
        order = torch.randperm(n)
        total = 0.0
        for start in range(0, n, batch_size):
            batch = x[order[start:start + batch_size]]
            optimizer.zero_grad()
            loss = F.mse_loss(model(batch), batch)
            loss.backward()
            optimizer.step()
            total += loss.item() * batch.shape[0]
        losses.append(total / n)
    model.eval()
    return losses
