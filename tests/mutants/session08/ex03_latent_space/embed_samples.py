"""Mutant: embed returns a sample of the posterior, z = mu + eps * std (the training-mode path, noise
from torch's global generator), instead of its mean mu: the same cells land somewhere else each call."""
import torch

from reference.session08.ex03_latent_space import CellVAE as _Reference
from reference.session08.ex03_latent_space import plot_latent, train_cell_vae  # noqa: F401

CAUGHT_BY = {"encodings_deterministic"}


class CellVAE(_Reference):
    def embed(self, x):
        with torch.no_grad():
            mu, logvar = self.encode(x)
            return mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
