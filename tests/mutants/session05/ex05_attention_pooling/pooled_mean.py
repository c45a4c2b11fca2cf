"""Mutant: the weights are right, but the pooled vector is the plain mean of the valid
outputs, not their weighted sum (the weights are returned yet never used)."""
from reference.session05.ex05_attention_pooling import AttentionLSTMClassifier as _Classifier
from reference.session05.ex05_attention_pooling import AttentionPooling as _Pooling
from reference.session05.ex05_attention_pooling import _ex05_padding_mask
from reference.session05.ex05_attention_pooling import masked_attention_pool as _reference_pool

CAUGHT_BY = {"pooled_vector", "attends_motif"}


def masked_attention_pool(outputs, scores, lengths):
    _, weights = _reference_pool(outputs, scores, lengths)
    valid = (~_ex05_padding_mask(lengths, outputs.shape[1], outputs.device)).to(outputs.dtype)
    pooled = (outputs * valid.unsqueeze(-1)).sum(dim=1) / valid.sum(dim=1, keepdim=True)
    return pooled, weights


class AttentionPooling(_Pooling):
    def forward(self, outputs, lengths):
        return masked_attention_pool(outputs, self.score(outputs).squeeze(-1), lengths)


class AttentionLSTMClassifier(_Classifier):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__(input_size, hidden_size)
        self.attention = AttentionPooling(hidden_size)
