"""Mutant: the trunk is a deep copy of base_model.features: the same numbers, but the
pretrained weights are duplicated and base_model's own trunk is left unfrozen."""
import copy

from torch import nn

from reference.session06.ex01_frozen_features import AdaptedModel as _Reference

CAUGHT_BY = {"adapter_architecture"}


class AdaptedModel(_Reference):
    def __init__(self, base_model, num_classes=3, hidden=256, dropout=0.3):
        holder = nn.Module()
        holder.features = copy.deepcopy(base_model.features)
        super().__init__(holder, num_classes, hidden, dropout)
