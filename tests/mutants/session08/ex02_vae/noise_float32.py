"""Mutant: eps drawn without dtype=mu.dtype (always float32): for float64 inputs the draws are
not those of torch.randn(..., dtype=float64) from the same generator."""
import torch

from reference.session08.ex02_vae import VAE as _Reference
from reference.session08.ex02_vae import kl_divergence, vae_loss  # noqa: F401

CAUGHT_BY = {"reparameterize"}


class VAE(_Reference):
    def reparameterize(self, mu, logvar, generator=None):
        eps = torch.randn(mu.shape, generator=generator, device=mu.device)
        return mu + eps * torch.exp(0.5 * logvar)
