"""Mutant: embed switches the model to eval mode and leaves it there: a model in the middle of its
training comes back in eval mode."""
import torch

from reference.session08.ex03_latent_space import CellVAE as _Reference
from reference.session08.ex03_latent_space import plot_latent, train_cell_vae  # noqa: F401

CAUGHT_BY = {"encodings_deterministic"}


class CellVAE(_Reference):
    def embed(self, x):
        self.eval()
        with torch.no_grad():
            return self.encode(x)[0]
