"""Mutant: classifies from the hidden state after the first position (output[:, 0]),
which has read one base, instead of the last."""
import torch

from reference.session05.ex01_rnn_classifier import RNNClassifier as _Reference
from reference.session05.ex01_rnn_classifier import rnn_cell_step  # noqa: F401

CAUGHT_BY = {"architecture", "learns"}


class RNNClassifier(_Reference):
    def forward(self, x):
        outputs, _ = self.rnn(x)
        return torch.sigmoid(self.fc(outputs[:, 0, :])).squeeze(-1)
