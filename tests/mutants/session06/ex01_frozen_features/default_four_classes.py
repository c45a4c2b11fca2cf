"""Mutant: the default num_classes is 4 (the human source task's classes) instead of 3."""
from reference.session06.ex01_frozen_features import AdaptedModel as _Reference

CAUGHT_BY = {"adapter_architecture", "trainable_count", "head_learns"}


class AdaptedModel(_Reference):
    def __init__(self, base_model, num_classes=4, hidden=256, dropout=0.3):
        super().__init__(base_model, num_classes, hidden, dropout)
