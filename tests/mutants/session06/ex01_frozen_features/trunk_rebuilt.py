"""Mutant: a new trunk is built (MotifCNN().features) instead of reusing base_model.features:
it has the right shape and is frozen, but its weights are random, not pretrained."""
from coursekit.data.session06 import MotifCNN
from reference.session06.ex01_frozen_features import AdaptedModel as _Reference

CAUGHT_BY = {"adapter_architecture", "eval_features", "head_learns"}


class AdaptedModel(_Reference):
    def __init__(self, base_model, num_classes=3, hidden=256, dropout=0.3):
        super().__init__(MotifCNN(), num_classes, hidden, dropout)
