"""Mutant: the embedding with the cosines first and the sines after them (torch.cat([cos, sin])), the
order some implementations use; the spec puts the sines first."""
import math

import torch
from torch import nn

from reference.session10.ex03_denoiser import noise_prediction_loss, train_denoiser  # noqa: F401

CAUGHT_BY = {"time_embedding", "uses_time"}


def sinusoidal_embedding(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, device=t.device) / half)
    angles = t.float()[:, None] * freqs[None, :]
    return torch.cat([angles.cos(), angles.sin()], dim=1)


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
