"""Mutant: the null label is 0, the index of a real class: "no class" and class 0 are
the same input, so the unconditional model is the class-0 model."""
import torch
from torch import nn

from reference.capstone3.ex01_denoiser import (  # noqa: F401
    HIDDEN, LABEL_DIM, TIME_DIM, _time_features, guided_noise)

CAUGHT_BY = {'interface'}


class DesignDenoiser(nn.Module):
    def __init__(self, seq_len=64, n_classes=2):
        super().__init__()
        hidden, time_dim, label_dim = HIDDEN, TIME_DIM, LABEL_DIM
        self.seq_len, self.null_label, self.time_dim = seq_len, 0, time_dim
        self.label_embedding = nn.Embedding(n_classes + 1, label_dim)
        self.net = nn.Sequential(
            nn.Linear(seq_len + time_dim + label_dim, hidden), nn.SiLU(),
            nn.Linear(hidden, hidden), nn.SiLU(),
            nn.Linear(hidden, self.seq_len))

    def forward(self, x, t, labels):
        features = [x, _time_features(t, self.time_dim).to(x.dtype), self.label_embedding(labels).to(x.dtype)]
        return self.net(torch.cat(features, dim=1))
