"""Mutant: the trunk is kept in eval mode but never frozen: its parameters still require
gradients, so every optimizer step fine-tunes the pretrained weights."""
from torch import nn

from reference.session06.ex01_frozen_features import AdaptedModel as _Reference

CAUGHT_BY = {"trainable_count", "frozen_trunk"}


class AdaptedModel(_Reference):
    def __init__(self, base_model, num_classes=3, hidden=256, dropout=0.3):
        nn.Module.__init__(self)
        self.features = base_model.features.eval()
        self.adapter = nn.Sequential(nn.Linear(512, hidden), nn.ReLU(), nn.Dropout(dropout),
                                     nn.Linear(hidden, num_classes))
