"""Mutant: the discriminator ends in a sigmoid (a probability, as in the book's figures) while
the loss is BCE-with-logits, which applies a second sigmoid: its outputs are squeezed into
(0.5, 0.73) and the adversarial signal nearly vanishes."""
from torch import nn

from reference.session09.ex03_sequence_gan import SequenceDiscriminator as _Reference
from reference.session09.ex03_sequence_gan import (SequenceGenerator, gumbel_softmax,  # noqa: F401
                                                   sample, train_sequence_gan)

CAUGHT_BY = {"param_count"}


class SequenceDiscriminator(_Reference):
    def __init__(self, seq_len=19, hidden_dim=128):
        super().__init__(seq_len, hidden_dim)
        self.net.append(nn.Sigmoid())
