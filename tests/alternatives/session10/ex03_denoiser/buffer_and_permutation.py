"""Correct alternative: the frequencies a non-persistent buffer of the model (10000 ** (-k / half),
computed in float64 then cast), the angles by torch.outer and the embedding by stacking then
reshaping; layers named in an OrderedDict; alpha_bar gathered with index_select and reshaped with
expand-free unsqueezes; batches from slices of a fresh permutation each epoch, the loss written out as a
mean of squares."""
from collections import OrderedDict

import torch
from torch import nn


def _frequencies(half, device=None):
    k = torch.arange(half, dtype=torch.float64, device=device)
    return (10000.0 ** (-k / half)).float()


def sinusoidal_embedding(t, dim):
    angles = torch.outer(t.float(), _frequencies(dim // 2, t.device))
    return torch.stack([angles.sin(), angles.cos()], dim=1).reshape(len(t), dim)


class DenoisingModel(nn.Module):
    def __init__(self, seq_len=100, time_dim=32, hidden=512):
        super().__init__()
        self.register_buffer("freqs", _frequencies(time_dim // 2), persistent=False)
        self.net = nn.Sequential(OrderedDict([
            ("inp", nn.Linear(seq_len + time_dim, hidden)), ("act1", nn.ReLU()),
            ("mid", nn.Linear(hidden, hidden)), ("act2", nn.ReLU()),
            ("out", nn.Linear(hidden, seq_len)),
        ]))

    def forward(self, x, t):
        angles = t.to(self.freqs.dtype).unsqueeze(-1) * self.freqs
        emb = torch.cat((torch.sin(angles), torch.cos(angles)), -1)
        return self.net(torch.cat((x, emb.type_as(x)), -1))


def noise_prediction_loss(model, x0, alpha_bar, t=None, noise=None, generator=None):
    n = len(x0)
    if t is None:
        t = torch.randint(len(alpha_bar), (n,), generator=generator, device=x0.device)
    if noise is None:
        noise = torch.randn_like(x0, generator=generator)
    ab = alpha_bar.to(x0.device).index_select(0, t).to(x0.dtype)
    for _ in range(x0.dim() - 1):
        ab = ab.unsqueeze(-1)
    noisy = torch.sqrt(ab) * x0 + torch.sqrt(1.0 - ab) * noise
    return ((model(noisy, t) - noise) ** 2).mean()


def train_denoiser(model, x0, alpha_bar, steps=100, batch_size=128, lr=3e-3, generator=None):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    history, order, pos = [], None, len(x0)
    while len(history) < steps:
        if pos + batch_size > len(x0):
            order, pos = torch.randperm(len(x0), generator=generator, device=x0.device), 0
        rows = order[pos:pos + batch_size]
        pos += batch_size
        loss = noise_prediction_loss(model, x0[rows], alpha_bar, generator=generator)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        history.append(float(loss.detach()))
    return history
