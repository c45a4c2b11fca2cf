"""Reference solution: session 10, exercise 5 (classifier-free guidance: condition dropout, guided noise)."""
import math

import torch
import torch.nn.functional as F
from torch import nn


def sinusoidal_embedding(t, dim):
    half = dim // 2
    k = torch.arange(half, dtype=torch.float32, device=t.device)
    freqs = torch.exp(-math.log(10000.0) * k / half)
    angles = t.float().unsqueeze(1) * freqs.unsqueeze(0)
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=1)


class ConditionalDenoiser(nn.Module):
    def __init__(self, seq_len, n_classes, time_dim=32, label_dim=16, hidden=256):
        super().__init__()
        self.time_dim = time_dim
        self.null_label = n_classes
        self.label_embedding = nn.Embedding(n_classes + 1, label_dim)
        self.net = nn.Sequential(
            nn.Linear(seq_len + time_dim + label_dim, hidden),
            nn.ReLU(),
            nn.Linear(hidden, hidden),
            nn.ReLU(),
            nn.Linear(hidden, seq_len),
        )

    def forward(self, x, t, labels):
        features = [x, sinusoidal_embedding(t, self.time_dim).to(x.dtype), self.label_embedding(labels)]
        return self.net(torch.cat(features, dim=1))


def drop_labels(labels, null_label, p, generator=None):
    coins = torch.rand(labels.shape[0], generator=generator, device=labels.device)
    return torch.where(coins < p, torch.full_like(labels, null_label), labels)


def cfg_loss(model, x0, labels, alpha_bar, p_uncond=0.1, t=None, noise=None, generator=None):
    batch = x0.shape[0]
    seen = drop_labels(labels, model.null_label, p_uncond, generator)
    if t is None:
        t = torch.randint(0, alpha_bar.shape[0], (batch,), generator=generator, device=x0.device)
    if noise is None:
        noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
    ab = alpha_bar.to(device=x0.device)[t].to(x0.dtype).view(batch, *[1] * (x0.dim() - 1))
    x_t = ab.sqrt() * x0 + (1 - ab).sqrt() * noise
    return F.mse_loss(model(x_t, t, seen), noise)


def guided_noise(model, x_t, t, labels, w):
    null = torch.full_like(labels, model.null_label)
    eps_c = model(x_t, t, labels)
    eps_u = model(x_t, t, null)
    return eps_u + w * (eps_c - eps_u)


def train_cfg(model, x0, labels, alpha_bar, steps=200, batch_size=64, lr=1e-3, p_uncond=0.1, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    losses = []
    for _step in range(steps):
        idx = torch.randint(0, x0.shape[0], (batch_size,), generator=generator, device=x0.device)
        loss = cfg_loss(model, x0[idx], labels[idx], alpha_bar, p_uncond, generator=generator)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
