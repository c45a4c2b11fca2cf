"""Mutant: off by one, the mask keeps position lengths[b] (t <= length instead of
t < length), so the first padding position of every shorter sequence gets weight."""
import torch

from reference.session05.ex05_attention_pooling import AttentionLSTMClassifier as _Classifier
from reference.session05.ex05_attention_pooling import AttentionPooling as _Pooling

CAUGHT_BY = {"weights_sum_to_one", "zero_on_padding", "mask_before_softmax"}


def masked_attention_pool(outputs, scores, lengths):
    steps = torch.arange(scores.shape[1], device=scores.device).unsqueeze(0)
    padding = steps > lengths.to(scores.device).unsqueeze(1)
    weights = torch.softmax(scores.masked_fill(padding, float("-inf")), dim=1)
    return torch.bmm(weights.unsqueeze(1), outputs).squeeze(1), weights


class AttentionPooling(_Pooling):
    def forward(self, outputs, lengths):
        return masked_attention_pool(outputs, self.score(outputs).squeeze(-1), lengths)


class AttentionLSTMClassifier(_Classifier):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__(input_size, hidden_size)
        self.attention = AttentionPooling(hidden_size)
