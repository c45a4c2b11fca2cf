"""Mutant: the course guide's sizes kept as defaults (hidden layers of 400, latent_dim=20)."""
from torch import nn

from reference.session08.ex03_latent_space import CellVAE as _Reference
from reference.session08.ex03_latent_space import plot_latent, train_cell_vae  # noqa: F401

CAUGHT_BY = {"param_count"}


class CellVAE(_Reference):
    def __init__(self, n_genes=765, latent_dim=20, hidden_dim=400):
        nn.Module.__init__(self)
        self.n_genes, self.latent_dim = n_genes, latent_dim
        self.encoder = nn.Sequential(nn.Linear(n_genes, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, 2 * latent_dim))
        self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, n_genes))
