"""Correct, written another way: only the layers with parameters are modules (built in
another order, so the initial weights differ), everything else functional: torch.relu,
a max over the last axis with torch.amax, F.dropout(training=self.training)."""
import torch
import torch.nn.functional as F
from torch import nn


class SpliceSiteCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc2 = nn.Linear(32, 3)
        self.fc1 = nn.Linear(64, 32)
        self.bn2 = nn.BatchNorm1d(64)
        self.conv2 = nn.Conv1d(64, 64, 7)
        self.bn1 = nn.BatchNorm1d(64)
        self.conv1 = nn.Conv1d(4, 64, 11)
        self.p = 0.5

    def forward(self, x):
        for conv, norm in ((self.conv1, self.bn1), (self.conv2, self.bn2)):
            x = torch.relu(norm(conv(x)))
        pooled = torch.amax(x, dim=-1)
        hidden = F.dropout(torch.relu(self.fc1(pooled)), p=self.p, training=self.training)
        return self.fc2(hidden)
