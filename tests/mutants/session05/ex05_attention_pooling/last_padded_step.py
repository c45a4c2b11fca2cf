"""Mutant: the classifier reads the LSTM output at the last position (padding for every
shorter sequence), as the course guide's BiLSTM does, instead of the pooled vector; the
attention weights are computed and returned but decide nothing."""
import torch

from reference.session05.ex05_attention_pooling import *  # noqa: F401,F403
from reference.session05.ex05_attention_pooling import AttentionLSTMClassifier as _Reference

CAUGHT_BY = {"pooled_vector", "zero_on_padding", "attends_motif"}


class AttentionLSTMClassifier(_Reference):
    def forward(self, x, lengths):
        outputs, _ = self.lstm(x)
        _, weights = self.attention(outputs, lengths)
        return torch.sigmoid(self.fc(outputs[:, -1])).squeeze(-1), weights
