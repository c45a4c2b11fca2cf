"""Mutant: the default input size is 20 (an amino-acid alphabet) instead of 4 bases."""
from reference.session05.ex01_rnn_classifier import RNNClassifier as _Reference
from reference.session05.ex01_rnn_classifier import rnn_cell_step  # noqa: F401

CAUGHT_BY = {"architecture", "param_count", "output_shape"}


class RNNClassifier(_Reference):
    def __init__(self, input_size=20, hidden_size=32):
        super().__init__(input_size, hidden_size)
