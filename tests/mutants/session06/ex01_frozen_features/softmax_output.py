"""Mutant: the adapter ends in a Softmax, so the model returns probabilities, not the
logits that F.cross_entropy expects (trained on them, it barely learns)."""
from torch import nn

from reference.session06.ex01_frozen_features import AdaptedModel as _Reference

CAUGHT_BY = {"adapter_architecture", "head_learns"}


class AdaptedModel(_Reference):
    def __init__(self, base_model, num_classes=3, hidden=256, dropout=0.3):
        super().__init__(base_model, num_classes, hidden, dropout)
        self.adapter.append(nn.Softmax(dim=1))
