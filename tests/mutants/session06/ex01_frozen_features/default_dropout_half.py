"""Mutant: the default dropout is 0.5 (nn.Dropout's own default) instead of 0.3."""
from reference.session06.ex01_frozen_features import AdaptedModel as _Reference

CAUGHT_BY = {"adapter_architecture"}


class AdaptedModel(_Reference):
    def __init__(self, base_model, num_classes=3, hidden=256, dropout=0.5):
        super().__init__(base_model, num_classes, hidden, dropout)
