"""Mutant: the max pool keeps 4 regions (nn.AdaptiveMaxPool1d(4)) and the Linear
reads all of them flattened: the score depends on which region holds the motif."""
import torch
import torch.nn.functional as F
from torch import nn

from reference.session04.ex02_motif_cnn import generate_sequences_with_motif  # noqa: F401

CAUGHT_BY = {"param_count", "position_invariance"}


class MotifCNN(nn.Module):
    def __init__(self, kernel_size=8, n_kernels=32):
        super().__init__()
        self.conv = nn.Conv1d(4, n_kernels, kernel_size)
        self.pool = nn.AdaptiveMaxPool1d(4)
        self.fc = nn.Linear(4 * n_kernels, 1)

    def forward(self, x):
        features = self.pool(F.relu(self.conv(x))).flatten(1)
        return torch.sigmoid(self.fc(features)).squeeze(-1)
