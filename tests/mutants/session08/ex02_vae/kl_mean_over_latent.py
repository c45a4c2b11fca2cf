"""Mutant: the KL averaged over the latent dimensions (torch.mean(..., dim=-1)) instead of summed:
a KL term latent_dim times too weak."""
import torch

from reference.session08.ex02_vae import VAE  # noqa: F401

CAUGHT_BY = {"kl_divergence", "vae_loss"}


def kl_divergence(mu, logvar):
    return -0.5 * torch.mean(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)


def vae_loss(recon_x, x, mu, logvar):
    return ((recon_x - x).pow(2).sum(dim=-1) + kl_divergence(mu, logvar)).mean()
