"""Mutant: the time embedding learned, an nn.Embedding(1000, time_dim) table looked up with t, in place
of the fixed sinusoidal function (sinusoidal_embedding itself is correct but unused)."""
import torch
from torch import nn

from reference.session10.ex03_denoiser import noise_prediction_loss, sinusoidal_embedding, train_denoiser  # noqa: F401

CAUGHT_BY = {"time_embedding", "param_count", "uses_time"}


class DenoisingModel(nn.Module):
    def __init__(self, seq_len=100, time_dim=32, hidden=512):
        super().__init__()
        self.time_embed = nn.Embedding(1000, time_dim)
        self.net = nn.Sequential(
            nn.Linear(seq_len + time_dim, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, seq_len))

    def forward(self, x, t):
        return self.net(torch.cat([x, self.time_embed(t).to(x.dtype)], dim=1))
