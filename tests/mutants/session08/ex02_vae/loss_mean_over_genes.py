"""Mutant: F.mse_loss with its default reduction: the squared error averaged over every element
(cells AND genes), which shrinks the reconstruction term by n_genes next to the KL."""
import torch.nn.functional as F

from reference.session08.ex02_vae import VAE, kl_divergence  # noqa: F401

CAUGHT_BY = {"vae_loss"}


def vae_loss(recon_x, x, mu, logvar):
    return F.mse_loss(recon_x, x) + kl_divergence(mu, logvar).mean()
