"""Reference solution: session 10, exercise 3 (a denoiser with a sinusoidal time embedding)."""
import math

import torch
import torch.nn.functional as F
from torch import nn


def sinusoidal_embedding(t, dim):
    half = dim // 2
    k = torch.arange(half, dtype=torch.float32, device=t.device)
    freqs = torch.exp(-math.log(10000.0) * k / half)
    angles = t.to(torch.float32).unsqueeze(1) * freqs.unsqueeze(0)
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=1)


class DenoisingModel(nn.Module):
    def __init__(self, seq_len=100, time_dim=32, hidden=512):
        super().__init__()
        self.time_dim = time_dim
        self.net = nn.Sequential(
            nn.Linear(seq_len + time_dim, hidden),
            nn.ReLU(),
            nn.Linear(hidden, hidden),
            nn.ReLU(),
            nn.Linear(hidden, seq_len),
        )

    def forward(self, x, t):
        t_emb = sinusoidal_embedding(t, self.time_dim).to(x.dtype)
        return self.net(torch.cat([x, t_emb], dim=1))


def noise_prediction_loss(model, x0, alpha_bar, t=None, noise=None, generator=None):
    batch = x0.shape[0]
    if t is None:
        t = torch.randint(0, alpha_bar.shape[0], (batch,), generator=generator, device=x0.device)
    if noise is None:
        noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
    ab = alpha_bar.to(x0.device)[t].to(x0.dtype).view(batch, *([1] * (x0.dim() - 1)))
    xt = ab.sqrt() * x0 + (1 - ab).sqrt() * noise
    predicted = model(xt, t)
    return F.mse_loss(predicted, noise)


def train_denoiser(model, x0, alpha_bar, steps=100, batch_size=128, lr=3e-3, generator=None):
    adam = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _step in range(steps):
        idx = torch.randint(0, x0.shape[0], (batch_size,), generator=generator, device=x0.device)
        loss = noise_prediction_loss(model, x0[idx], alpha_bar, generator=generator)
        adam.zero_grad()
        loss.backward()
        adam.step()
        losses.append(loss.item())
    return losses
