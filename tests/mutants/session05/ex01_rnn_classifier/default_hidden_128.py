"""Mutant: the default hidden size is 128 (the guide's LSTM size) instead of 32."""
from reference.session05.ex01_rnn_classifier import RNNClassifier as _Reference
from reference.session05.ex01_rnn_classifier import rnn_cell_step  # noqa: F401

CAUGHT_BY = {"architecture", "param_count"}


class RNNClassifier(_Reference):
    def __init__(self, input_size=4, hidden_size=128):
        super().__init__(input_size, hidden_size)
