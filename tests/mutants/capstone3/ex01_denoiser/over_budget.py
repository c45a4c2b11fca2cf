"""Mutant: a wider network (512 hidden units): 353,392 parameters, over the cap of 150,000."""
import torch
from torch import nn

from reference.capstone3.ex01_denoiser import _time_features, guided_noise  # noqa: F401

CAUGHT_BY = {'param_cap'}


HIDDEN, TIME_DIM, LABEL_DIM = 512, 32, 16


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
