"""Mutant: the course guide's scRNA-seq encoder keeps a BatchNorm1d after the first layer: in
train mode each cell's encoding depends on the other cells of its batch."""
from torch import nn

from reference.session08.ex04_conditional_vae import ConditionalVAE as _Reference
from reference.session08.ex04_conditional_vae import one_hot, train_cvae  # noqa: F401

CAUGHT_BY = {"param_count", "batch_independent"}


class ConditionalVAE(_Reference):
    def __init__(self, input_dim=200, n_classes=4, latent_dim=8, hidden_dim=128):
        super().__init__(input_dim, n_classes, latent_dim, hidden_dim)
        self.encoder = nn.Sequential(nn.Linear(input_dim + n_classes, hidden_dim), nn.BatchNorm1d(hidden_dim),
                                     nn.ReLU(), nn.Linear(hidden_dim, 2 * latent_dim))
