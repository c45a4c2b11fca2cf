"""Mutant: global average pooling (nn.AdaptiveAvgPool1d(1)) instead of the global
max: the motif's one strong window is diluted by every other position."""
import torch
import torch.nn.functional as F
from torch import nn

from reference.session04.ex02_motif_cnn import generate_sequences_with_motif  # noqa: F401

CAUGHT_BY = {"forward", "position_invariance"}


class MotifCNN(nn.Module):
    def __init__(self, kernel_size=8, n_kernels=32):
        super().__init__()
        self.conv = nn.Conv1d(4, n_kernels, kernel_size)
        self.pool = nn.AdaptiveAvgPool1d(1)
        self.fc = nn.Linear(n_kernels, 1)

    def forward(self, x):
        features = self.pool(F.relu(self.conv(x))).squeeze(-1)
        return torch.sigmoid(self.fc(features)).squeeze(-1)
