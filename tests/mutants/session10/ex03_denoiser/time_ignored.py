"""Mutant: a denoiser that never sees t: the first Linear takes seq_len inputs and forward(x, t) is
self.net(x), one noise guess for every step of the chain."""
from torch import nn

from reference.session10.ex03_denoiser import noise_prediction_loss, sinusoidal_embedding, train_denoiser  # noqa: F401

CAUGHT_BY = {"time_embedding", "param_count", "uses_time", "learns"}


class DenoisingModel(nn.Module):
    def __init__(self, seq_len=100, time_dim=32, hidden=512):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(seq_len, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, seq_len))

    def forward(self, x, t):
        return self.net(x)
