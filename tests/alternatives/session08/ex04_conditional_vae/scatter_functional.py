"""Alternative: one-hot by scatter_ into zeros made on the labels' device, the range checked with
Python ints, layers built from an OrderedDict, and the KL from torch.distributions."""
from collections import OrderedDict

import torch
from torch import nn
from torch.distributions import Normal, kl_divergence


def one_hot(labels, n_classes):
    if labels.numel() > 0:
        low, high = int(labels.min()), int(labels.max())
        if low < 0 or high >= n_classes:
            raise ValueError("label out of range")
    out = torch.zeros(labels.shape[0], n_classes, dtype=torch.float32, device=labels.device)
    return out.scatter_(1, labels.unsqueeze(1), 1.0)


class ConditionalVAE(nn.Module):
    def __init__(self, input_dim=200, n_classes=4, latent_dim=8, hidden_dim=128):
        super().__init__()
        self.n_classes = n_classes
        self.latent_dim = latent_dim
        self.encoder = nn.Sequential(OrderedDict(
            hidden=nn.Linear(input_dim + n_classes, hidden_dim), relu=nn.ReLU(),
            out=nn.Linear(hidden_dim, 2 * latent_dim)))
        self.decoder = nn.Sequential(OrderedDict(
            hidden=nn.Linear(latent_dim + n_classes, hidden_dim), relu=nn.ReLU(),
            out=nn.Linear(hidden_dim, input_dim)))

    def _with_label(self, t, labels):
        return torch.cat((t, one_hot(labels, self.n_classes)), dim=1)

    def encode(self, x, labels):
        stats = self.encoder(self._with_label(x, labels))
        return stats[:, :self.latent_dim], stats[:, self.latent_dim:]

    def decode(self, z, labels):
        return self.decoder(self._with_label(z, labels))

    def forward(self, x, labels, generator=None):
        mu, logvar = self.encode(x, labels)
        if not self.training:
            return self.decode(mu, labels), mu, logvar
        noise = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
        return self.decode(mu + noise * torch.sqrt(torch.exp(logvar)), labels), mu, logvar

    @torch.inference_mode(False)
    def generate(self, labels, generator=None):
        z = torch.randn(len(labels), self.latent_dim, generator=generator, device=labels.device)
        with torch.no_grad():
            return self.decode(z, labels)


def train_cvae(model, x, labels, epochs=50, lr=1e-2, batch_size=64, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    n = x.shape[0]
    epoch_losses = []
    for _ in range(epochs):
        order = torch.randperm(n, generator=generator, device=x.device)
        batch_losses = []
        for i in range(0, n, batch_size):
            rows = order[i:i + batch_size]
            recon, mu, logvar = model(x[rows], labels[rows], generator=generator)
            squared = (recon - x[rows]).pow(2).sum(1)
            posterior = Normal(mu, torch.exp(0.5 * logvar))
            prior = Normal(torch.zeros_like(mu), torch.ones_like(mu))
            kl = kl_divergence(posterior, prior).sum(1)
            loss = torch.mean(squared + kl)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            batch_losses.append((loss.item(), len(rows)))
        epoch_losses.append(sum(v * k for v, k in batch_losses) / n)
    return epoch_losses
