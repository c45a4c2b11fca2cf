"""Mutant: the course guide's reparameterize: eps = torch.randn_like(std) from the global
random state, ignoring the generator (the sample cannot be redrawn from it)."""
import torch

from reference.session08.ex05_scrna_vae import nb_log_likelihood  # noqa: F401
from reference.session08.ex05_scrna_vae import scrna_vae_loss, train_scrna_vae  # noqa: F401
from reference.session08.ex05_scrna_vae import VAE as _ReferenceVAE
from reference.session08.ex05_scrna_vae import scRNAVAE as _Reference

CAUGHT_BY = {"means_sum_to_library"}


def _reparameterize(self, mu, logvar, generator=None):
    std = torch.exp(0.5 * logvar)
    return mu + torch.randn_like(std) * std


class VAE(_ReferenceVAE):
    reparameterize = _reparameterize


class scRNAVAE(_Reference):
    reparameterize = _reparameterize
