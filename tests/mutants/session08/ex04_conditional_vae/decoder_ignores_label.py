"""Mutant: labels go to the encoder only; the decoder is the plain VAE's, Linear(latent_dim,
hidden_dim), so decoding cannot choose a cell type."""
from torch import nn

from reference.session08.ex04_conditional_vae import ConditionalVAE as _Reference
from reference.session08.ex04_conditional_vae import one_hot, train_cvae  # noqa: F401

CAUGHT_BY = {"param_count", "decoder_uses_label", "generates_its_type"}


class ConditionalVAE(_Reference):
    def __init__(self, input_dim=200, n_classes=4, latent_dim=8, hidden_dim=128):
        super().__init__(input_dim, n_classes, latent_dim, hidden_dim)
        self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, input_dim))

    def decode(self, z, labels):
        return self.decoder(z)
