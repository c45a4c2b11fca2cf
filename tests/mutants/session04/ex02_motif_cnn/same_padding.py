"""Mutant: the convolution pads kernel_size // 2 zeros on each side ("so that a motif
at the ends counts"), which the spec rules out: other windows, other scores."""
import torch
import torch.nn.functional as F
from torch import nn

from reference.session04.ex02_motif_cnn import generate_sequences_with_motif  # noqa: F401

CAUGHT_BY = {"architecture", "forward"}


class MotifCNN(nn.Module):
    def __init__(self, kernel_size=8, n_kernels=32):
        super().__init__()
        self.conv = nn.Conv1d(4, n_kernels, kernel_size, padding=kernel_size // 2)
        self.pool = nn.AdaptiveMaxPool1d(1)
        self.fc = nn.Linear(n_kernels, 1)

    def forward(self, x):
        features = self.pool(F.relu(self.conv(x))).squeeze(-1)
        return torch.sigmoid(self.fc(features)).squeeze(-1)
