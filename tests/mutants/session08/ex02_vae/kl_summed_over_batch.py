"""Mutant: the guide's KL as it is, torch.sum without dim: one number for the whole batch
instead of one per sample (and a loss whose KL term grows with the batch size)."""
import torch

from reference.session08.ex02_vae import VAE  # noqa: F401

CAUGHT_BY = {"kl_divergence", "vae_loss"}


def kl_divergence(mu, logvar):
    return -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())


def vae_loss(recon_x, x, mu, logvar):
    return ((recon_x - x).pow(2).sum(dim=-1) + kl_divergence(mu, logvar)).mean()
