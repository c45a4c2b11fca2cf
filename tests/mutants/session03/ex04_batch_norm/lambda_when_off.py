"""Mutant: with use_bn=False the bn layers are plain lambdas, not nn.Identity modules."""
import torch.nn.functional as F
from torch import nn

CAUGHT_BY = {"no_bn_identity"}


class MLPWithBatchNorm(nn.Module):
    def __init__(self, use_bn=True):
        super().__init__()
        self.fc1 = nn.Linear(10, 50)
        self.bn1 = nn.BatchNorm1d(50) if use_bn else (lambda x: x)
        self.fc2 = nn.Linear(50, 30)
        self.bn2 = nn.BatchNorm1d(30) if use_bn else (lambda x: x)
        self.fc3 = nn.Linear(30, 1)

    def forward(self, x):
        x = self.bn1(F.relu(self.fc1(x)))
        x = self.bn2(F.relu(self.fc2(x)))
        return self.fc3(x)
