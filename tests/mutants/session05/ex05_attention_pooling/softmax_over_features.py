"""Mutant: the scores keep their last dimension of size 1 ([B, L, 1]) and the softmax runs
over it (dim=-1, the feature axis) instead of over time: every valid position gets weight
1 and every masked one NaN."""
import torch

from reference.session05.ex05_attention_pooling import *  # noqa: F401,F403
from reference.session05.ex05_attention_pooling import AttentionLSTMClassifier as _Classifier
from reference.session05.ex05_attention_pooling import AttentionPooling as _Pooling

CAUGHT_BY = {"weights_sum_to_one", "zero_on_padding", "mask_before_softmax"}


class AttentionPooling(_Pooling):
    def forward(self, outputs, lengths):
        scores = self.score(outputs)
        padding = torch.arange(outputs.shape[1], device=outputs.device) >= lengths.to(outputs.device)[:, None]
        weights = torch.softmax(scores.masked_fill(padding.unsqueeze(-1), float("-inf")), dim=-1)
        return (weights * outputs).sum(dim=1), weights.squeeze(-1)


class AttentionLSTMClassifier(_Classifier):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__(input_size, hidden_size)
        self.attention = AttentionPooling(hidden_size)
