"""Mutant: the default hidden width is 128 instead of 256."""
from reference.session06.ex01_frozen_features import AdaptedModel as _Reference

CAUGHT_BY = {"adapter_architecture", "trainable_count"}


class AdaptedModel(_Reference):
    def __init__(self, base_model, num_classes=3, hidden=128, dropout=0.3):
        super().__init__(base_model, num_classes, hidden, dropout)
