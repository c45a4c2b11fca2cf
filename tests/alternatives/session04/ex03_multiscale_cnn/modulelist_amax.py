"""Correct, written another way: the Linear layer created first (so other initial
weights), the convs appended one by one to an nn.ModuleList, torch.relu and torch.amax
over positions instead of a pooling layer, view(-1) at the end."""
import torch
from torch import nn


class MultiScaleCNN(nn.Module):
    def __init__(self, kernel_sizes=[6, 8, 10, 12]):
        super().__init__()
        self.head = nn.Linear(32 * len(kernel_sizes), 1)
        self.branches = nn.ModuleList()
        for width in kernel_sizes:
            self.branches.append(nn.Conv1d(in_channels=4, out_channels=32, kernel_size=width))

    def forward(self, x):
        h = torch.cat([torch.amax(torch.relu(branch(x)), dim=2) for branch in self.branches], dim=1)
        return torch.sigmoid(self.head(h)).view(-1)
