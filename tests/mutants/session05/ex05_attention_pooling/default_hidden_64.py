"""Mutant: AttentionLSTMClassifier defaults to hidden_size=64 instead of 32."""
from reference.session05.ex05_attention_pooling import *  # noqa: F401,F403
from reference.session05.ex05_attention_pooling import AttentionLSTMClassifier as _Classifier

CAUGHT_BY = {"weights_sum_to_one"}


class AttentionLSTMClassifier(_Classifier):
    def __init__(self, input_size=4, hidden_size=64):
        super().__init__(input_size, hidden_size)
