"""Reference solution: session 8, exercise 1 (an autoencoder for expression profiles, and PCA)."""
import torch
import torch.nn.functional as F
from torch import nn


class Autoencoder(nn.Module):
    """Expression [B, input_dim] -> latent [B, latent_dim] -> reconstruction [B, input_dim]."""

    def __init__(self, input_dim=200, latent_dim=5, hidden_dim=64, linear=False):
        super().__init__()
        if linear:
            self.encoder = nn.Linear(input_dim, latent_dim)
            self.decoder = nn.Linear(latent_dim, input_dim)
        else:
            self.encoder = nn.Sequential(nn.Linear(input_dim, hidden_dim), nn.ReLU(),
                                         nn.Linear(hidden_dim, latent_dim))
            self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                                         nn.Linear(hidden_dim, input_dim))

    def encode(self, x):
        return self.encoder(x)

    def decode(self, z):
        return self.decoder(z)

    def forward(self, x):
        return self.decode(self.encode(x))


def train_autoencoder(model, x, epochs=50, lr=0.03, batch_size=64, generator=None):
    """Mini-batch Adam on the mean squared error; the mean training MSE of each epoch."""
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    n = x.shape[0]
    losses = []
    for _ in range(epochs):
        order = torch.randperm(n, generator=generator)
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


def reconstruction_error(model, x):
    """Mean squared error over every entry of x (eval mode, no gradients), a Python float."""
    model.eval()
    with torch.no_grad():
        return F.mse_loss(model(x), x).item()
