"""Mutant: no extra row for the null label: nn.Embedding(n_classes, label_dim) and null_label = 0, so
"no class" and class 0 are the same input and the unconditional model is the class-0 model."""
import torch
from torch import nn

from reference.session10.ex05_classifier_free_guidance import (cfg_loss, drop_labels, guided_noise,  # noqa: F401
                                                               sinusoidal_embedding, train_cfg)

CAUGHT_BY = {"param_count", "learns"}


class ConditionalDenoiser(nn.Module):
    def __init__(self, seq_len, n_classes, time_dim=32, label_dim=16, hidden=256):
        super().__init__()
        self.time_dim = time_dim
        self.null_label = 0
        self.label_embedding = nn.Embedding(n_classes, label_dim)
        self.net = nn.Sequential(nn.Linear(seq_len + time_dim + label_dim, hidden), nn.ReLU(),
                                 nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, seq_len))

    def forward(self, x, t, labels):
        h = torch.cat([x, sinusoidal_embedding(t, self.time_dim), self.label_embedding(labels)], dim=1)
        return self.net(h)
