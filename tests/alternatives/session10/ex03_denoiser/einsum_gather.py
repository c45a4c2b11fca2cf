"""Correct alternative: the embedding by einsum with the frequencies exp(k * (-ln 10000 / half)) and
the sine and cosine halves written into a preallocated tensor; the model built layer by layer with
Sequential.append and its time width read back from the first layer; alpha_bar gathered with
torch.gather and broadcast by view; batches drawn with replacement by torch.randint, the loss by
F.mse_loss with an explicit reduction."""
import math

import torch
import torch.nn.functional as F
from torch import nn


def sinusoidal_embedding(t, dim):
    half = dim // 2
    step = -math.log(10000.0) / half
    freqs = torch.exp(torch.arange(0, half, device=t.device, dtype=torch.float32) * step)
    angles = torch.einsum("b,k->bk", t.to(torch.float32), freqs)
    out = torch.empty(t.shape[0], dim, device=t.device, dtype=torch.float32)
    out[:, :half] = torch.sin(angles)
    out[:, half:] = torch.cos(angles)
    return out


class DenoisingModel(nn.Module):
    def __init__(self, seq_len=100, time_dim=32, hidden=512):
        super().__init__()
        self.seq_len = seq_len
        self.net = nn.Sequential()
        self.net.append(nn.Linear(seq_len + time_dim, hidden))
        self.net.append(nn.ReLU())
        self.net.append(nn.Linear(hidden, hidden))
        self.net.append(nn.ReLU())
        self.net.append(nn.Linear(hidden, seq_len))

    def forward(self, x, t):
        time_dim = self.net[0].in_features - self.seq_len
        h = torch.cat([x, sinusoidal_embedding(t, time_dim).to(dtype=x.dtype)], dim=1)
        return self.net(h)


def noise_prediction_loss(model, x0, alpha_bar, t=None, noise=None, generator=None):
    b = x0.size(0)
    if t is None:
        t = torch.randint(low=0, high=alpha_bar.numel(), size=(b,), generator=generator, device=x0.device)
    if noise is None:
        noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
    schedule = alpha_bar.to(device=x0.device, dtype=x0.dtype)
    ab = torch.gather(schedule, 0, t).view(-1, *(1,) * (x0.ndim - 1))
    xt = ab ** 0.5 * x0 + (1 - ab) ** 0.5 * noise
    return F.mse_loss(model(xt, t), noise, reduction="mean")


def train_denoiser(model, x0, alpha_bar, steps=100, batch_size=128, lr=3e-3, generator=None):
    optimizer = torch.optim.Adam(params=model.parameters(), lr=lr)
    out = []
    for _ in range(steps):
        batch = x0[torch.randint(x0.shape[0], (batch_size,), generator=generator, device=x0.device)]
        optimizer.zero_grad()
        loss = noise_prediction_loss(model, batch, alpha_bar, generator=generator)
        loss.backward()
        optimizer.step()
        out.append(loss.item())
    return out
