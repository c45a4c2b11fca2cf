"""Mutant: z = torch.normal(mu, std, generator=generator): the same numbers as the trick, but
torch.normal is not reparameterised: no gradient reaches mu or logvar (the encoder never learns
from the reconstruction)."""
import torch

from reference.session08.ex02_vae import VAE as _Reference
from reference.session08.ex02_vae import kl_divergence, vae_loss  # noqa: F401

CAUGHT_BY = {"reparameterize_gradients"}


class VAE(_Reference):
    def reparameterize(self, mu, logvar, generator=None):
        return torch.normal(mu, torch.exp(0.5 * logvar), generator=generator)
