"""Mutant: the time embedding's frequencies are made on the CPU whatever the input's
device: on any other device the forward fails."""
import math
import torch
from torch import nn

from reference.capstone3.ex01_denoiser import HIDDEN, LABEL_DIM, TIME_DIM, guided_noise  # noqa: F401

CAUGHT_BY = {'follows_device'}


def _time_features(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
    angles = t.float().unsqueeze(1) * freqs.unsqueeze(0)
    return torch.cat([angles.sin(), angles.cos()], dim=1)


class DesignDenoiser(nn.Module):
    def __init__(self, seq_len=64, n_classes=2):
        super().__init__()
        hidden, time_dim, label_dim = HIDDEN, TIME_DIM, LABEL_DIM
        self.seq_len, self.null_label, self.time_dim = seq_len, n_classes, time_dim
        self.label_embedding = nn.Embedding(n_classes + 1, label_dim)
        self.net = nn.Sequential(
            nn.Linear(seq_len + time_dim + label_dim, hidden), nn.SiLU(),
            nn.Linear(hidden, hidden), nn.SiLU(),
            nn.Linear(hidden, self.seq_len))

    def forward(self, x, t, labels):
        features = [x, _time_features(t, self.time_dim).to(x.dtype), self.label_embedding(labels).to(x.dtype)]
        return self.net(torch.cat(features, dim=1))
