"""Alternative: named layers in an OrderedDict Sequential, slicing instead of chunk, torch.addcmul
with std = sqrt(exp(logvar)), an explicit eval branch, the KL written as its expanded terms
0.5 * (mu^2 + sigma^2 - 1 - log sigma^2), and F.mse_loss(reduction='none')."""
from collections import OrderedDict

import torch
import torch.nn.functional as F
from torch import nn


class VAE(nn.Module):
    def __init__(self, input_dim=1000, latent_dim=20, hidden_dim=400):
        super().__init__()
        self.latent_dim = latent_dim
        self.encoder = nn.Sequential(OrderedDict([
            ("hidden", nn.Linear(input_dim, hidden_dim)), ("relu", nn.ReLU()),
            ("params", nn.Linear(hidden_dim, latent_dim * 2))]))
        self.decoder = nn.Sequential(OrderedDict([
            ("hidden", nn.Linear(latent_dim, hidden_dim)), ("relu", nn.ReLU()),
            ("mean", nn.Linear(hidden_dim, input_dim))]))

    def encode(self, x):
        h = self.encoder(x)
        return h[..., :self.latent_dim], h[..., self.latent_dim:]

    def reparameterize(self, mu, logvar, generator=None):
        noise = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
        return torch.addcmul(mu, noise, logvar.exp().sqrt())

    def decode(self, z):
        return self.decoder(z)

    def forward(self, x, generator=None):
        mu, logvar = self.encode(x)
        if not self.training:
            return self.decode(mu), mu, logvar
        return self.decode(self.reparameterize(mu, logvar, generator=generator)), mu, logvar


def kl_divergence(mu, logvar):
    variance = logvar.exp()
    return 0.5 * (mu * mu + variance - 1.0 - logvar).sum(dim=-1)


def vae_loss(recon_x, x, mu, logvar):
    per_cell = F.mse_loss(recon_x, x, reduction="none").sum(dim=-1) + kl_divergence(mu, logvar)
    return per_cell.mean()
