"""Alternative: frequencies of the time embedding kept as a registered buffer, two model calls and
torch.lerp for the guided noise, masked_fill for condition dropout, t drawn before the coins."""
import math

import torch
import torch.nn.functional as F
from torch import nn


def _frequencies(half, device=None):
    return torch.exp(torch.arange(half, dtype=torch.float32, device=device) * (-math.log(10000.0) / half))


def _embed(t, freqs):
    angles = t.float()[:, None] * freqs[None, :]
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=1)


def sinusoidal_embedding(t, dim):
    return _embed(t, _frequencies(dim // 2, t.device))


class ConditionalDenoiser(nn.Module):
    def __init__(self, seq_len, n_classes, time_dim=32, label_dim=16, hidden=256):
        super().__init__()
        self.null_label = n_classes
        self.time_dim = time_dim
        self.register_buffer("freqs", _frequencies(time_dim // 2), persistent=False)
        self.label_embedding = nn.Embedding(n_classes + 1, label_dim)
        self.net = nn.Sequential()
        self.net.append(nn.Linear(seq_len + time_dim + label_dim, hidden))
        self.net.append(nn.ReLU())
        self.net.append(nn.Linear(hidden, hidden))
        self.net.append(nn.ReLU())
        self.net.append(nn.Linear(hidden, seq_len))

    def forward(self, x, t, labels):
        time = _embed(t, self.freqs).to(x.dtype)
        return self.net(torch.cat([x, time, self.label_embedding(labels)], dim=1))


def drop_labels(labels, null_label, p, generator=None):
    coins = torch.rand(labels.size(0), generator=generator, device=labels.device)
    return labels.masked_fill(coins < p, null_label)


def cfg_loss(model, x0, labels, alpha_bar, p_uncond=0.1, t=None, noise=None, generator=None):
    b = x0.size(0)
    if t is None:
        t = torch.randint(0, alpha_bar.numel(), (b,), generator=generator, device=x0.device)
    used = drop_labels(labels, model.null_label, p_uncond, generator)
    if noise is None:
        noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
    ab = alpha_bar.to(x0.device).gather(0, t).to(x0.dtype).reshape(b, *([1] * (x0.dim() - 1)))
    x_t = ab.sqrt() * x0 + (1 - ab).sqrt() * noise
    return F.mse_loss(model(x_t, t, used), noise, reduction="mean")


def guided_noise(model, x_t, t, labels, w):
    with torch.no_grad():
        cond = model(x_t, t, labels)
        uncond = model(x_t, t, torch.full_like(labels, model.null_label))
    return torch.lerp(uncond, cond, w)


def train_cfg(model, x0, labels, alpha_bar, steps=200, batch_size=64, lr=1e-3, p_uncond=0.1, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    out = []
    for _ in range(steps):
        rows = torch.randint(0, len(x0), (batch_size,), generator=generator, device=x0.device)
        loss = cfg_loss(model, x0[rows], labels[rows], alpha_bar, p_uncond=p_uncond, generator=generator)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        out.append(loss.item())
    return out
