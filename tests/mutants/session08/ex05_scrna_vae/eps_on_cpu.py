"""Mutant: eps is drawn without device=mu.device (torch.randn(mu.shape, generator=generator)):
right on the CPU, a device error as soon as the model runs on a GPU."""
import torch

from reference.session08.ex05_scrna_vae import nb_log_likelihood  # noqa: F401
from reference.session08.ex05_scrna_vae import scrna_vae_loss, train_scrna_vae  # noqa: F401
from reference.session08.ex05_scrna_vae import VAE as _ReferenceVAE
from reference.session08.ex05_scrna_vae import scRNAVAE as _Reference

CAUGHT_BY = {"follows_device"}


def _reparameterize(self, mu, logvar, generator=None):
    eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype)
    return mu + eps * torch.exp(logvar / 2)


class VAE(_ReferenceVAE):
    reparameterize = _reparameterize


class scRNAVAE(_Reference):
    reparameterize = _reparameterize
