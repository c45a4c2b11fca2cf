"""Mutant: no ReLU between the convolution and the max pool: a filter that responds
below zero everywhere passes its negative maximum on."""
import torch
from torch import nn

from reference.session04.ex02_motif_cnn import generate_sequences_with_motif  # noqa: F401

CAUGHT_BY = {"forward", "position_invariance"}


class MotifCNN(nn.Module):
    def __init__(self, kernel_size=8, n_kernels=32):
        super().__init__()
        self.conv = nn.Conv1d(4, n_kernels, kernel_size)
        self.pool = nn.AdaptiveMaxPool1d(1)
        self.fc = nn.Linear(n_kernels, 1)

    def forward(self, x):
        features = self.pool(self.conv(x)).squeeze(-1)
        return torch.sigmoid(self.fc(features)).squeeze(-1)
