"""Correct, written another way: a tuple default, one nn.Sequential (Conv1d, ReLU,
AdaptiveMaxPool1d, Flatten) per width in an nn.ModuleDict (insertion order kept), the
branch outputs stacked to [N, widths, 32] and flattened, and the probability as [:, 0]."""
import torch
from torch import nn


class MultiScaleCNN(nn.Module):
    def __init__(self, kernel_sizes=(6, 8, 10, 12)):
        super().__init__()
        self.scales = nn.ModuleDict({
            f"width_{k}": nn.Sequential(nn.Conv1d(4, 32, k), nn.ReLU(), nn.AdaptiveMaxPool1d(1),
                                        nn.Flatten())
            for k in kernel_sizes})
        self.classifier = nn.Sequential(nn.Linear(32 * len(self.scales), 1), nn.Sigmoid())

    def forward(self, x):
        stacked = torch.stack([branch(x) for branch in self.scales.values()], dim=1)
        return self.classifier(stacked.flatten(start_dim=1))[:, 0]
