"""Mutant: the denoiser never uses its label (the embedding is built but left out of the
input): conditional and unconditional noise are the same, so guidance does nothing."""
import math

import torch
from torch import nn

CAUGHT_BY = {'interface'}


HIDDEN, TIME_DIM, LABEL_DIM = 256, 32, 16


def _time_features(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, device=t.device, dtype=torch.float32) / half)
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
        features = [x, _time_features(t, self.time_dim).to(x.dtype),
                    self.label_embedding(torch.zeros_like(labels)).to(x.dtype)]
        return self.net(torch.cat(features, dim=1))


def guided_noise(model, x_t, t, labels, w):
    eps_c = model(x_t, t, labels)
    eps_u = model(x_t, t, torch.full_like(labels, model.null_label))
    return eps_u + w * (eps_c - eps_u)
