"""Mutant: the default hidden size is 64 instead of 32."""
from reference.session05.ex02_lstm_variable_length import BiLSTM  # noqa: F401
from reference.session05.ex02_lstm_variable_length import LSTMClassifier as _Reference

CAUGHT_BY = {"param_count", "architecture", "last_valid_step"}


class LSTMClassifier(_Reference):
    def __init__(self, input_size=4, hidden_size=64):
        super().__init__(input_size, hidden_size)
