"""Mutant: the loop assigns each new convolution to the same attribute, so only the
last width survives, and forward applies that one conv once per width."""
import torch
import torch.nn.functional as F
from torch import nn

CAUGHT_BY = {"registered", "param_count", "branches_used", "forward"}


class MultiScaleCNN(nn.Module):
    def __init__(self, kernel_sizes=[6, 8, 10, 12]):
        super().__init__()
        for k in kernel_sizes:
            self.conv = nn.Conv1d(4, 32, k)
        self.n_widths = len(kernel_sizes)
        self.pool = nn.AdaptiveMaxPool1d(1)
        self.fc = nn.Linear(32 * len(kernel_sizes), 1)

    def forward(self, x):
        outs = [self.pool(F.relu(self.conv(x))) for _ in range(self.n_widths)]
        x = torch.cat(outs, dim=1).squeeze(-1)
        return torch.sigmoid(self.fc(x)).squeeze(-1)
