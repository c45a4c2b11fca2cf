"""Mutant: the course guide's own code. The trunk is reused but neither frozen nor kept in
eval mode; forward runs it under torch.no_grad(). No gradient reaches the trunk, so its
weights stay put, but its parameters still count as trainable, and after model.train()
its BatchNorm layers normalise with batch statistics and move their running ones."""
import torch
from torch import nn

CAUGHT_BY = {"trainable_count", "frozen_trunk", "eval_features"}


class AdaptedModel(nn.Module):
    def __init__(self, base_model, num_classes=3, hidden=256, dropout=0.3):
        super().__init__()
        self.features = base_model.features
        self.adapter = nn.Sequential(nn.Linear(512, hidden), nn.ReLU(), nn.Dropout(dropout),
                                     nn.Linear(hidden, num_classes))

    def forward(self, x):
        with torch.no_grad():
            features = self.features(x)
        return self.adapter(features)
