"""Mutant: every width gets a registered conv, but forward (copied from a one-conv
motif detector) reads only the first branch, and the Linear layer takes its 32 features."""
import torch
import torch.nn.functional as F
from torch import nn

CAUGHT_BY = {"param_count", "branches_used", "forward"}


class MultiScaleCNN(nn.Module):
    def __init__(self, kernel_sizes=[6, 8, 10, 12]):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv1d(4, 32, k) for k in kernel_sizes])
        self.pool = nn.AdaptiveMaxPool1d(1)
        self.fc = nn.Linear(32, 1)

    def forward(self, x):
        x = self.pool(F.relu(self.convs[0](x))).squeeze(-1)
        return torch.sigmoid(self.fc(x)).squeeze(-1)
