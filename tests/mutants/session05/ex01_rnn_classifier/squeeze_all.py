"""Mutant: .squeeze() instead of .squeeze(-1): a batch of one sequence gives a 0-d tensor."""
import torch

from reference.session05.ex01_rnn_classifier import RNNClassifier as _Reference
from reference.session05.ex01_rnn_classifier import rnn_cell_step  # noqa: F401

CAUGHT_BY = {"output_shape"}


class RNNClassifier(_Reference):
    def forward(self, x):
        outputs, _ = self.rnn(x)
        return torch.sigmoid(self.fc(outputs[:, -1, :])).squeeze()
