"""Reference solution: session 3, exercise 4 (batch normalisation)."""
import torch
from torch import nn
import torch.nn.functional as F


class MLPWithBatchNorm(nn.Module):
    def __init__(self, use_bn: bool = True):
        super().__init__()
        self.fc1 = nn.Linear(10, 50)
        self.bn1 = nn.BatchNorm1d(50) if use_bn else nn.Identity()
        self.fc2 = nn.Linear(50, 30)
        self.bn2 = nn.BatchNorm1d(30) if use_bn else nn.Identity()
        self.fc3 = nn.Linear(30, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.bn1(F.relu(self.fc1(x)))
        x = self.bn2(F.relu(self.fc2(x)))
        return self.fc3(x)
