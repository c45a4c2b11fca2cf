"""Reference solution: session 8, exercise 4 (a conditional VAE: cell type in, cell type out)."""
import torch
import torch.nn.functional as F
from torch import nn


def one_hot(labels, n_classes):
    """int64 labels [B] in 0..n_classes-1 -> float32 [B, n_classes]; ValueError outside that range."""
    if labels.numel() and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(f"labels must lie in 0..{n_classes - 1}")
    return F.one_hot(labels, num_classes=n_classes).to(torch.float32)


class ConditionalVAE(nn.Module):
    """Encoder on cat([x, one_hot]), decoder on cat([z, one_hot]); a Gaussian-mean decoder."""

    def __init__(self, input_dim=200, n_classes=4, latent_dim=8, hidden_dim=128):
        super().__init__()
        self.n_classes, self.latent_dim = n_classes, latent_dim
        self.encoder = nn.Sequential(nn.Linear(input_dim + n_classes, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, 2 * latent_dim))
        self.decoder = nn.Sequential(nn.Linear(latent_dim + n_classes, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, input_dim))

    def encode(self, x, labels):
        mu, logvar = self.encoder(torch.cat([x, one_hot(labels, self.n_classes)], dim=-1)).chunk(2, dim=-1)
        return mu, logvar

    def decode(self, z, labels):
        return self.decoder(torch.cat([z, one_hot(labels, self.n_classes)], dim=-1))

    def forward(self, x, labels, generator=None):
        mu, logvar = self.encode(x, labels)
        z = mu
        if self.training:
            sigma = (0.5 * logvar).exp()
            z = mu + sigma * torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
        return self.decode(z, labels), mu, logvar

    @torch.no_grad()
    def generate(self, labels, generator=None):
        z = torch.randn((len(labels), self.latent_dim), generator=generator, device=labels.device)
        return self.decode(z, labels)


def train_cvae(model, x, labels, epochs=50, lr=1e-2, batch_size=64, generator=None):
    """Adam on the batch mean of (summed squared error + KL); one loss per epoch (sample-weighted mean)."""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    n, losses = len(x), []
    for _ in range(epochs):
        order = torch.randperm(n, generator=generator, device=x.device)
        total = 0.0
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            xb, yb = x[idx], labels[idx]
            recon, mu, logvar = model(xb, yb, generator=generator)
            reconstruction = ((recon - xb) ** 2).sum(dim=1)
            kl = -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(dim=1)
            loss = reconstruction.mean() + kl.mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
        losses.append(total / n)
    return losses
