"""Mutant: self.features.eval() once in __init__, and train() left as nn.Module's: the first
model.train() puts the trunk back in train mode and BatchNorm's running statistics move."""
from torch import nn

CAUGHT_BY = {"frozen_trunk", "eval_features"}


class AdaptedModel(nn.Module):
    def __init__(self, base_model, num_classes=3, hidden=256, dropout=0.3):
        super().__init__()
        self.features = base_model.features.eval()
        self.features.requires_grad_(False)
        self.adapter = nn.Sequential(nn.Linear(512, hidden), nn.ReLU(), nn.Dropout(dropout),
                                     nn.Linear(hidden, num_classes))

    def forward(self, x):
        return self.adapter(self.features(x))
