"""Mutant: eps created without device=mu.device: it stays on the CPU when the model moves."""
import torch

from reference.session08.ex02_vae import VAE as _Reference
from reference.session08.ex02_vae import kl_divergence, vae_loss  # noqa: F401

CAUGHT_BY = {"follows_device"}


class VAE(_Reference):
    def reparameterize(self, mu, logvar, generator=None):
        eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype)
        return mu + eps * torch.exp(0.5 * logvar)
