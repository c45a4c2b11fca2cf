"""Mutant: returns the Linear layer's logits, no sigmoid."""
from reference.session05.ex01_rnn_classifier import RNNClassifier as _Reference
from reference.session05.ex01_rnn_classifier import rnn_cell_step  # noqa: F401

CAUGHT_BY = {"architecture", "output_shape", "learns"}


class RNNClassifier(_Reference):
    def forward(self, x):
        outputs, _ = self.rnn(x)
        return self.fc(outputs[:, -1, :]).squeeze(-1)
