"""Mutant: the mask is built with torch.arange(L) on the CPU, next to the CPU lengths,
so the masked_fill fails as soon as the scores live on another device."""
import torch

from reference.session05.ex05_attention_pooling import AttentionLSTMClassifier as _Classifier
from reference.session05.ex05_attention_pooling import AttentionPooling as _Pooling

CAUGHT_BY = {"follows_device"}


def masked_attention_pool(outputs, scores, lengths):
    padding = torch.arange(scores.shape[1]).unsqueeze(0) >= lengths.unsqueeze(1)
    weights = torch.softmax(scores.masked_fill(padding, float("-inf")), dim=1)
    return torch.bmm(weights.unsqueeze(1), outputs).squeeze(1), weights


class AttentionPooling(_Pooling):
    def forward(self, outputs, lengths):
        return masked_attention_pool(outputs, self.score(outputs).squeeze(-1), lengths)


class AttentionLSTMClassifier(_Classifier):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__(input_size, hidden_size)
        self.attention = AttentionPooling(hidden_size)
