"""Mutant: the course guide's time input: one extra number t / 1000 concatenated after x (a first
Linear of seq_len + 1 inputs) instead of the sinusoidal embedding."""
import torch
from torch import nn

from reference.session10.ex03_denoiser import noise_prediction_loss, sinusoidal_embedding, train_denoiser  # noqa: F401

CAUGHT_BY = {"time_embedding", "param_count", "uses_time", "learns"}


class DenoisingModel(nn.Module):
    def __init__(self, seq_len=100, time_dim=32, hidden=512):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(seq_len + 1, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, seq_len))

    def forward(self, x, t):
        t_emb = t.float().unsqueeze(1) / 1000
        return self.net(torch.cat([x, t_emb.to(x.dtype)], dim=1))
