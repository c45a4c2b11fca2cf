"""Mutant: the guide's code as it is: a Sigmoid at the end of the decoder and a binary
cross-entropy summed over everything (reduction='sum') as the reconstruction term: for scaled
expression (real numbers, negative ones too) the decoder cannot even reach the data."""
import torch
import torch.nn.functional as F
from torch import nn

from reference.session08.ex02_vae import VAE as _Reference
from reference.session08.ex02_vae import kl_divergence  # noqa: F401

CAUGHT_BY = {"architecture", "eval_uses_mean", "vae_loss"}


class VAE(_Reference):
    def __init__(self, input_dim=1000, latent_dim=20, hidden_dim=400):
        super().__init__(input_dim, latent_dim, hidden_dim)
        self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, input_dim), nn.Sigmoid())


def vae_loss(recon_x, x, mu, logvar):
    bce = F.binary_cross_entropy(recon_x, x, reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce + kld
