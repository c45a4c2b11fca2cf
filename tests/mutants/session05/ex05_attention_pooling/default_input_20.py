"""Mutant: AttentionLSTMClassifier defaults to input_size=20 (the amino acids of the
protein exercises) instead of 4 (one-hot DNA)."""
from reference.session05.ex05_attention_pooling import *  # noqa: F401,F403
from reference.session05.ex05_attention_pooling import AttentionLSTMClassifier as _Classifier

CAUGHT_BY = {"weights_sum_to_one"}


class AttentionLSTMClassifier(_Classifier):
    def __init__(self, input_size=20, hidden_size=32):
        super().__init__(input_size, hidden_size)
