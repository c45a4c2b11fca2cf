"""Mutant: the Linear layer is created inside forward (nn.Linear(x.shape[1], 1)(x)),
so it is new and random on every call: never registered, never trained, on the CPU."""
import torch
import torch.nn.functional as F
from torch import nn

from reference.session04.ex02_motif_cnn import generate_sequences_with_motif  # noqa: F401

CAUGHT_BY = {"param_count", "architecture", "learns", "follows_device"}


class MotifCNN(nn.Module):
    def __init__(self, kernel_size=8, n_kernels=32):
        super().__init__()
        self.conv = nn.Conv1d(4, n_kernels, kernel_size)
        self.pool = nn.AdaptiveMaxPool1d(1)

    def forward(self, x):
        features = self.pool(F.relu(self.conv(x))).squeeze(-1)
        return torch.sigmoid(nn.Linear(features.shape[1], 1)(features)).squeeze(-1)
