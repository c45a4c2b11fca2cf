"""Mutant: frequencies exp(-ln(10000) * k / (half - 1)) (the variant of some DDPM code, whose last
frequency is exactly 1/10000) instead of the spec's division by half."""
import math

import torch
from torch import nn

from reference.session10.ex03_denoiser import noise_prediction_loss, train_denoiser  # noqa: F401

CAUGHT_BY = {"time_embedding", "uses_time"}


def sinusoidal_embedding(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, device=t.device) / (half - 1))
    angles = t.float()[:, None] * freqs[None, :]
    return torch.cat([angles.sin(), angles.cos()], dim=1)


class DenoisingModel(nn.Module):
    def __init__(self, seq_len=100, time_dim=32, hidden=512):
        super().__init__()
        self.time_dim = time_dim
        self.net = nn.Sequential(
            nn.Linear(seq_len + time_dim, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, seq_len))

    def forward(self, x, t):
        return self.net(torch.cat([x, sinusoidal_embedding(t, self.time_dim).to(x.dtype)], dim=1))
