"""Mutant: dropout on the latent code with F.dropout(z, 0.1), whose training argument
defaults to True: forward is random even in eval mode and differs from decode(encode(x))."""
import torch.nn.functional as F

from reference.session08.ex01_autoencoder import Autoencoder as _Reference
from reference.session08.ex01_autoencoder import reconstruction_error, train_autoencoder  # noqa: F401

CAUGHT_BY = {"encode_decode"}


class Autoencoder(_Reference):
    def forward(self, x):
        return self.decode(F.dropout(self.encode(x), 0.1))
