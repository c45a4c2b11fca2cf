"""Mutant: std = exp(logvar), the 1/2 forgotten (the standard deviation of a variance exp(logvar)
is exp(logvar / 2))."""
import torch

from reference.session08.ex02_vae import VAE as _Reference
from reference.session08.ex02_vae import kl_divergence, vae_loss  # noqa: F401

CAUGHT_BY = {"reparameterize", "reparameterize_gradients", "eval_uses_mean"}


class VAE(_Reference):
    def reparameterize(self, mu, logvar, generator=None):
        eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
        return mu + eps * torch.exp(logvar)
