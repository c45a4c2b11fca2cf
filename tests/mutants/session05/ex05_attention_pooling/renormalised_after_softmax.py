"""Mutant: softmax over every position, padding zeroed afterwards and the rest divided
by its sum. Equal in exact arithmetic, but a large padding score swamps the softmax: the
valid weights underflow to 0 and 0 / 0 gives NaN."""
import torch

from reference.session05.ex05_attention_pooling import AttentionLSTMClassifier as _Classifier
from reference.session05.ex05_attention_pooling import AttentionPooling as _Pooling

CAUGHT_BY = {"mask_before_softmax"}


def masked_attention_pool(outputs, scores, lengths):
    steps = torch.arange(scores.shape[1], device=scores.device).unsqueeze(0)
    valid = steps < lengths.to(scores.device).unsqueeze(1)
    weights = torch.softmax(scores, dim=1) * valid
    weights = weights / weights.sum(dim=1, keepdim=True)
    return torch.bmm(weights.unsqueeze(1), outputs).squeeze(1), weights


class AttentionPooling(_Pooling):
    def forward(self, outputs, lengths):
        return masked_attention_pool(outputs, self.score(outputs).squeeze(-1), lengths)


class AttentionLSTMClassifier(_Classifier):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__(input_size, hidden_size)
        self.attention = AttentionPooling(hidden_size)
