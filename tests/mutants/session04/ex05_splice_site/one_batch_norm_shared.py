"""Mutant: a single BatchNorm1d(64) used after both convolutions (the two blocks then
share one scale, shift and running statistics)."""
import torch.nn.functional as F
from torch import nn

CAUGHT_BY = {"architecture", "param_count"}


class SpliceSiteCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(4, 64, kernel_size=11)
        self.conv2 = nn.Conv1d(64, 64, kernel_size=7)
        self.bn = nn.BatchNorm1d(64)
        self.pool = nn.AdaptiveMaxPool1d(1)
        self.dropout = nn.Dropout(0.5)
        self.fc1 = nn.Linear(64, 32)
        self.fc2 = nn.Linear(32, 3)

    def forward(self, x):
        x = F.relu(self.bn(self.conv1(x)))
        x = F.relu(self.bn(self.conv2(x)))
        x = self.pool(x).squeeze(-1)
        x = self.dropout(F.relu(self.fc1(x)))
        return self.fc2(x)
