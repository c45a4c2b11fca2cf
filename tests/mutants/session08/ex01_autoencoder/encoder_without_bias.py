"""Mutant: the encoder's Linear layers are built with bias=False ("the data are centred
anyway")."""
from torch import nn

from reference.session08.ex01_autoencoder import Autoencoder as _Reference
from reference.session08.ex01_autoencoder import reconstruction_error, train_autoencoder  # noqa: F401

CAUGHT_BY = {"architecture", "param_count"}


class Autoencoder(_Reference):
    def __init__(self, input_dim=200, latent_dim=5, hidden_dim=64, linear=False):
        super().__init__(input_dim, latent_dim, hidden_dim, linear)
        if linear:
            self.encoder = nn.Linear(input_dim, latent_dim, bias=False)
        else:
            self.encoder = nn.Sequential(nn.Linear(input_dim, hidden_dim, bias=False), nn.ReLU(),
                                         nn.Linear(hidden_dim, latent_dim, bias=False))
