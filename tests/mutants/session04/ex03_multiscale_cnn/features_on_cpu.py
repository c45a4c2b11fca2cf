"""Mutant: forward fills a feature matrix made with torch.zeros(...) without
device=x.device, so on any other device the features stay on the CPU."""
import torch
import torch.nn.functional as F
from torch import nn

CAUGHT_BY = {"follows_device"}


class MultiScaleCNN(nn.Module):
    def __init__(self, kernel_sizes=[6, 8, 10, 12]):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv1d(4, 32, k) for k in kernel_sizes])
        self.pool = nn.AdaptiveMaxPool1d(1)
        self.fc = nn.Linear(32 * len(kernel_sizes), 1)

    def forward(self, x):
        features = torch.zeros(x.shape[0], 32 * len(self.convs))
        for i, conv in enumerate(self.convs):
            features[:, 32 * i:32 * (i + 1)] = self.pool(F.relu(conv(x))).squeeze(-1)
        return torch.sigmoid(self.fc(features)).squeeze(-1)
