"""Mutant: sample draws z with torch.randn(n, latent_dim, generator=generator) and no device=: on a
model moved to a GPU the decoder gets a CPU tensor."""
import torch

from reference.session08.ex03_latent_space import CellVAE as _Reference
from reference.session08.ex03_latent_space import plot_latent, train_cell_vae  # noqa: F401

CAUGHT_BY = {"follows_device"}


class CellVAE(_Reference):
    def sample(self, n, generator=None):
        with torch.no_grad():
            return self.decode(torch.randn(n, self.latent_dim, generator=generator))
