"""Reference solution: session 8, exercise 2 (the reparameterisation trick and the KL term in VAE).

A Gaussian VAE for expression profiles: an encoder to (mu, logvar), z = mu + eps * exp(logvar / 2)
with eps drawn from a seeded generator (z = mu in eval mode), a plain Linear decoder (a Gaussian mean),
the closed-form KL to N(0, I) and the loss: batch mean of (summed squared error + KL).
"""
import torch
from torch import nn


class VAE(nn.Module):
    """Encoder [B, input_dim] -> (mu, logvar) [B, latent_dim] each; decoder z -> recon [B, input_dim]."""

    def __init__(self, input_dim=1000, latent_dim=20, hidden_dim=400):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(input_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, 2 * latent_dim))
        self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, input_dim))

    def encode(self, x):
        mu, logvar = self.encoder(x).chunk(2, dim=-1)
        return mu, logvar

    def reparameterize(self, mu, logvar, generator=None):
        eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
        return mu + eps * torch.exp(0.5 * logvar)

    def decode(self, z):
        return self.decoder(z)

    def forward(self, x, generator=None):
        mu, logvar = self.encode(x)
        z = self.reparameterize(mu, logvar, generator) if self.training else mu
        return self.decode(z), mu, logvar


def kl_divergence(mu, logvar):
    return -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)


def vae_loss(recon_x, x, mu, logvar):
    reconstruction = (recon_x - x).pow(2).sum(dim=-1)
    return (reconstruction + kl_divergence(mu, logvar)).mean()
