"""Mutant: labels go to the decoder only; the encoder is the plain VAE's, Linear(input_dim,
hidden_dim). (A CVAE variant in the literature, but not the layout of the spec: the encoder then
has to spend latent dimensions on the cell type.)"""
from torch import nn

from reference.session08.ex04_conditional_vae import ConditionalVAE as _Reference
from reference.session08.ex04_conditional_vae import one_hot, train_cvae  # noqa: F401

CAUGHT_BY = {"param_count", "batch_independent"}


class ConditionalVAE(_Reference):
    def __init__(self, input_dim=200, n_classes=4, latent_dim=8, hidden_dim=128):
        super().__init__(input_dim, n_classes, latent_dim, hidden_dim)
        self.encoder = nn.Sequential(nn.Linear(input_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, 2 * latent_dim))

    def encode(self, x, labels):
        return self.encoder(x).chunk(2, dim=-1)
