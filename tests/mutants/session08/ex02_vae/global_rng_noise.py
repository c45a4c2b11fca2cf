"""Mutant: the guide's noise, eps = torch.randn_like(std), from the global generator: the
generator argument is ignored (and the global random state moves)."""
import torch

from reference.session08.ex02_vae import VAE as _Reference
from reference.session08.ex02_vae import kl_divergence, vae_loss  # noqa: F401

CAUGHT_BY = {"reparameterize", "eval_uses_mean"}


class VAE(_Reference):
    def reparameterize(self, mu, logvar, generator=None):
        std = torch.exp(0.5 * logvar)
        eps = torch.randn_like(std)
        return mu + eps * std
