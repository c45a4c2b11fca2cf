"""Mutant: only the Conv1d layers are frozen; the BatchNorm layers' weight and bias (the
affine scale and shift) still require gradients and move with the steps."""
from torch import nn

from reference.session06.ex01_frozen_features import AdaptedModel as _Reference

CAUGHT_BY = {"trainable_count", "frozen_trunk"}


class AdaptedModel(_Reference):
    def __init__(self, base_model, num_classes=3, hidden=256, dropout=0.3):
        super().__init__(base_model, num_classes, hidden, dropout)
        for layer in self.features:
            if isinstance(layer, nn.BatchNorm1d):
                layer.requires_grad_(True)
