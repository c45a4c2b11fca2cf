"""Mutant: the global max pool written by hand from torch.zeros(N, n_kernels),
made on the CPU whatever the input's device (correct on the CPU, since ReLU outputs are >= 0)."""
import torch
import torch.nn.functional as F
from torch import nn

from reference.session04.ex02_motif_cnn import generate_sequences_with_motif  # noqa: F401

CAUGHT_BY = {"follows_device"}


class MotifCNN(nn.Module):
    def __init__(self, kernel_size=8, n_kernels=32):
        super().__init__()
        self.conv = nn.Conv1d(4, n_kernels, kernel_size)
        self.fc = nn.Linear(n_kernels, 1)

    def forward(self, x):
        responses = F.relu(self.conv(x))
        best = torch.zeros(responses.shape[0], responses.shape[1])
        for position in range(responses.shape[2]):
            best = torch.maximum(best, responses[:, :, position])
        return torch.sigmoid(self.fc(best)).squeeze(-1)
