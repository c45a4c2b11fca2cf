"""Mutant: the guide's bare .squeeze(): a batch of one sequence gives a 0-d tensor
instead of shape [1]."""
import torch
import torch.nn.functional as F
from torch import nn

CAUGHT_BY = {"forward"}


class MultiScaleCNN(nn.Module):
    def __init__(self, kernel_sizes=[6, 8, 10, 12]):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv1d(4, 32, k) for k in kernel_sizes])
        self.pool = nn.AdaptiveMaxPool1d(1)
        self.fc = nn.Linear(32 * len(kernel_sizes), 1)

    def forward(self, x):
        outs = [self.pool(F.relu(conv(x))) for conv in self.convs]
        x = torch.cat(outs, dim=1).squeeze()
        return torch.sigmoid(self.fc(x)).squeeze()
