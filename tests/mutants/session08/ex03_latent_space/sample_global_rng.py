"""Mutant: sample ignores its generator and draws z from torch's global generator (the course
guide's torch.randn): seeded samples are not reproducible, and the global random state moves."""
import torch

from reference.session08.ex03_latent_space import CellVAE as _Reference
from reference.session08.ex03_latent_space import plot_latent, train_cell_vae  # noqa: F401

CAUGHT_BY = {"seeded_samples"}


class CellVAE(_Reference):
    def sample(self, n, generator=None):
        weight = self.decoder[0].weight
        with torch.no_grad():
            return self.decode(torch.randn(n, self.latent_dim, device=weight.device))
