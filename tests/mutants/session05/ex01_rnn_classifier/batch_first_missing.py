"""Mutant: nn.RNN without batch_first=True fed [B, L, 4]: it reads the batch as time, and
output[:, -1] still has shape [B, hidden] (each row is one position across the batch)."""
from torch import nn

from reference.session05.ex01_rnn_classifier import RNNClassifier as _Reference
from reference.session05.ex01_rnn_classifier import rnn_cell_step  # noqa: F401

CAUGHT_BY = {"architecture", "learns"}


class RNNClassifier(_Reference):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__(input_size, hidden_size)
        self.rnn = nn.RNN(input_size, hidden_size)
        self.fc = nn.Linear(hidden_size, 1)
