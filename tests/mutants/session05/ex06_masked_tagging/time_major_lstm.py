"""Mutant: the LSTM is built without batch_first=True, so it reads the batch dimension
as time and mixes different proteins."""
from torch import nn

from reference.session05.ex06_masked_tagging import masked_cross_entropy  # noqa: F401
from reference.session05.ex06_masked_tagging import SequenceTagger as _Reference

CAUGHT_BY = {"tagger_shape"}


class SequenceTagger(_Reference):
    def __init__(self, vocab_size=20, embedding_dim=32, hidden_size=64, num_classes=3):
        super().__init__(vocab_size, embedding_dim, hidden_size, num_classes)
        self.lstm = nn.LSTM(embedding_dim, hidden_size)
