"""Mutant: forward returns the Linear layer's logits (as for BCEWithLogitsLoss) instead
of the probabilities the spec asks for."""
import torch
import torch.nn.functional as F
from torch import nn

CAUGHT_BY = {"forward", "learns"}


class MultiScaleCNN(nn.Module):
    def __init__(self, kernel_sizes=[6, 8, 10, 12]):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv1d(4, 32, k) for k in kernel_sizes])
        self.pool = nn.AdaptiveMaxPool1d(1)
        self.fc = nn.Linear(32 * len(kernel_sizes), 1)

    def forward(self, x):
        outs = [self.pool(F.relu(conv(x))) for conv in self.convs]
        return self.fc(torch.cat(outs, dim=1).squeeze(-1)).squeeze(-1)
