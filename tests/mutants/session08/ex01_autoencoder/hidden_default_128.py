"""Mutant: hidden_dim defaults to 128 instead of 64 (everything else right)."""
from reference.session08.ex01_autoencoder import Autoencoder as _Reference
from reference.session08.ex01_autoencoder import reconstruction_error, train_autoencoder  # noqa: F401

CAUGHT_BY = {"architecture", "param_count"}


class Autoencoder(_Reference):
    def __init__(self, input_dim=200, latent_dim=5, hidden_dim=128, linear=False):
        super().__init__(input_dim, latent_dim, hidden_dim, linear)
