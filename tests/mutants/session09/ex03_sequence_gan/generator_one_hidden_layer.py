"""Mutant: the generator has one hidden layer, Linear(latent, hidden), ReLU, Linear(hidden, 4 L),
instead of the spec's two."""
from torch import nn

from reference.session09.ex03_sequence_gan import SequenceGenerator as _Reference
from reference.session09.ex03_sequence_gan import (SequenceDiscriminator, gumbel_softmax,  # noqa: F401
                                                   sample, train_sequence_gan)

CAUGHT_BY = {"param_count"}


class SequenceGenerator(_Reference):
    def __init__(self, latent_dim=16, seq_len=19, hidden_dim=128, tau=1.0):
        super().__init__(latent_dim, seq_len, hidden_dim, tau)
        self.net = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                                 nn.Linear(hidden_dim, 4 * seq_len))
