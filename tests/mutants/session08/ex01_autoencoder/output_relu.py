"""Mutant: a ReLU after the decoder's last Linear ("every layer gets an activation"):
the reconstruction can never be negative, as half of the scaled values are."""
from torch import nn

from reference.session08.ex01_autoencoder import Autoencoder as _Reference
from reference.session08.ex01_autoencoder import reconstruction_error, train_autoencoder  # noqa: F401

CAUGHT_BY = {"architecture", "heldout_error_falls"}


class Autoencoder(_Reference):
    def __init__(self, input_dim=200, latent_dim=5, hidden_dim=64, linear=False):
        super().__init__(input_dim, latent_dim, hidden_dim, linear)
        if not linear:
            self.decoder.append(nn.ReLU())
