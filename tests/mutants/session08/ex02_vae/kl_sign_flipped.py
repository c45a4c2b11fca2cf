"""Mutant: the KL with its sign flipped (0.5 * sum(...) instead of -0.5 * sum(...)): a negative
"divergence" that the loss then maximises."""
import torch

from reference.session08.ex02_vae import VAE  # noqa: F401

CAUGHT_BY = {"kl_divergence", "vae_loss"}


def kl_divergence(mu, logvar):
    return 0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)


def vae_loss(recon_x, x, mu, logvar):
    return ((recon_x - x).pow(2).sum(dim=-1) + kl_divergence(mu, logvar)).mean()
