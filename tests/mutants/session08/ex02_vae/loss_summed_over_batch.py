"""Mutant: the guide's reduction='sum': the loss summed over the batch instead of averaged
(a loss, and a learning rate, that scale with the batch size)."""
import torch.nn.functional as F

from reference.session08.ex02_vae import VAE, kl_divergence  # noqa: F401

CAUGHT_BY = {"vae_loss"}


def vae_loss(recon_x, x, mu, logvar):
    return F.mse_loss(recon_x, x, reduction="sum") + kl_divergence(mu, logvar).sum()
