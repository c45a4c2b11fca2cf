"""Mutant: with use_bn=False the bn layers are None and forward skips them."""
import torch.nn.functional as F
from torch import nn

CAUGHT_BY = {"no_bn_identity"}


class MLPWithBatchNorm(nn.Module):
    def __init__(self, use_bn=True):
        super().__init__()
        self.fc1, self.fc2, self.fc3 = nn.Linear(10, 50), nn.Linear(50, 30), nn.Linear(30, 1)
        self.bn1 = nn.BatchNorm1d(50) if use_bn else None
        self.bn2 = nn.BatchNorm1d(30) if use_bn else None

    def forward(self, x):
        x = F.relu(self.fc1(x))
        if self.bn1 is not None:
            x = self.bn1(x)
        x = F.relu(self.fc2(x))
        if self.bn2 is not None:
            x = self.bn2(x)
        return self.fc3(x)
