"""Mutant: the trunk is frozen (requires_grad False) and run under torch.no_grad(), as if
that were enough; but it follows model.train() into train mode, so BatchNorm uses the
batch's statistics and updates running_mean, running_var and num_batches_tracked."""
import torch
from torch import nn

CAUGHT_BY = {"frozen_trunk", "eval_features"}


class AdaptedModel(nn.Module):
    def __init__(self, base_model, num_classes=3, hidden=256, dropout=0.3):
        super().__init__()
        self.features = base_model.features
        for weight in self.features.parameters():
            weight.requires_grad = False
        self.adapter = nn.Sequential(nn.Linear(512, hidden), nn.ReLU(), nn.Dropout(dropout),
                                     nn.Linear(hidden, num_classes))

    def forward(self, x):
        with torch.no_grad():
            features = self.features(x)
        return self.adapter(features)
