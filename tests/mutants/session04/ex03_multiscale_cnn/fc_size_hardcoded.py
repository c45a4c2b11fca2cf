"""Mutant: the Linear layer's input size is written for the default four widths
(nn.Linear(128, 1)) instead of 32 * len(kernel_sizes)."""
import torch
import torch.nn.functional as F
from torch import nn

CAUGHT_BY = {"registered", "param_count", "forward", "branches_used", "follows_device"}


class MultiScaleCNN(nn.Module):
    def __init__(self, kernel_sizes=[6, 8, 10, 12]):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv1d(4, 32, k) for k in kernel_sizes])
        self.pool = nn.AdaptiveMaxPool1d(1)
        self.fc = nn.Linear(128, 1)

    def forward(self, x):
        outs = [self.pool(F.relu(conv(x))) for conv in self.convs]
        x = torch.cat(outs, dim=1).squeeze(-1)
        return torch.sigmoid(self.fc(x)).squeeze(-1)
