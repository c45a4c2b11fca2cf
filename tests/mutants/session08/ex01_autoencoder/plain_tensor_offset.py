"""Mutant: forward centres the input with a per-gene offset kept as a plain tensor
attribute (not a buffer): it stays on the CPU when the model moves to another device."""
import torch

from reference.session08.ex01_autoencoder import Autoencoder as _Reference
from reference.session08.ex01_autoencoder import reconstruction_error, train_autoencoder  # noqa: F401

CAUGHT_BY = {"follows_device"}


class Autoencoder(_Reference):
    def __init__(self, input_dim=200, latent_dim=5, hidden_dim=64, linear=False):
        super().__init__(input_dim, latent_dim, hidden_dim, linear)
        self.offset = torch.zeros(input_dim)

    def forward(self, x):
        return self.decode(self.encode(x - self.offset)) + self.offset
