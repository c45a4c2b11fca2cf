"""Mutant: an explicit initial hidden state made with torch.zeros(...) and no device, so
it stays on the CPU when the model and its input move."""
import torch

from reference.session05.ex01_rnn_classifier import RNNClassifier as _Reference
from reference.session05.ex01_rnn_classifier import rnn_cell_step  # noqa: F401

CAUGHT_BY = {"follows_device"}


class RNNClassifier(_Reference):
    def forward(self, x):
        h0 = torch.zeros(1, x.shape[0], self.rnn.hidden_size)
        outputs, _ = self.rnn(x, h0)
        return torch.sigmoid(self.fc(outputs[:, -1, :])).squeeze(-1)
