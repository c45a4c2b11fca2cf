"""Correct alternative: each reverse step through the predicted x0, x0_hat = (x_t - sqrt(1 - ab_t)
eps) / sqrt(ab_t) (not clipped), then the posterior mean coef1 x0_hat + coef2 x_t (equal to the
noise form in exact arithmetic); two model calls per step; training over shuffled epochs; GC by
str.count; decoding through a transpose; the figure by ax.step over the distinct values with
their cumulative counts."""
import math

import torch
import torch.nn.functional as F
from matplotlib import pyplot as plt
from torch import nn


def to_model_space(onehot):
    n, c, length = onehot.shape
    return torch.where(onehot > 0.5, 1.0, -1.0).reshape(n, c * length).to(onehot.dtype)


def decode_dna(x, length):
    per_position = x.reshape(len(x), 4, length).transpose(1, 2)
    return ["".join("ACGT"[i] for i in row) for row in per_position.argmax(dim=-1).tolist()]


def gc_content(seqs):
    return torch.tensor([sum(map(s.count, "GC")) / len(s) for s in seqs]).double()


def linear_betas(num_steps=100, start=1e-3, end=0.2):
    if num_steps == 1:
        return torch.tensor([start], dtype=torch.float64)
    return torch.tensor([start + (end - start) * i / (num_steps - 1) for i in range(num_steps)],
                        dtype=torch.float64)


def time_embedding(t, dim):
    half = dim // 2
    freqs = torch.tensor([math.exp(-math.log(10000) * k / half) for k in range(half)], device=t.device)
    angles = torch.outer(t.to(torch.float32), freqs)
    return torch.cat([torch.sin(angles), torch.cos(angles)], 1)


class ConditionalDenoiser(nn.Module):
    def __init__(self, seq_len=48, n_classes=2, time_dim=16, label_dim=8, hidden=128):
        super().__init__()
        self.seq_len, self.null_label, self.time_dim = seq_len, n_classes, time_dim
        self.label_emb = nn.Embedding(num_embeddings=n_classes + 1, embedding_dim=label_dim)
        self.net = nn.Sequential(nn.Linear(seq_len + time_dim + label_dim, hidden), nn.ReLU(),
                                 nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, seq_len))

    def forward(self, x, t, labels):
        parts = [x, time_embedding(t, self.time_dim).type_as(x), self.label_emb(labels).type_as(x)]
        return self.net(torch.cat(parts, dim=1))


def train_gc_model(x, labels, steps=300, batch_size=128, lr=3e-3, p_uncond=0.1, seed=0):
    torch.manual_seed(seed)
    model = ConditionalDenoiser(seq_len=x.shape[1])
    alpha_bar = torch.cumprod(1 - linear_betas(), dim=0)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    order, start = torch.randperm(len(x)), 0
    for _ in range(steps):
        if start + batch_size > len(order):
            order, start = torch.randperm(len(x)), 0
        idx = order[start:start + batch_size]
        start += batch_size
        y = labels[idx].clone()
        y[torch.rand(len(idx)) < p_uncond] = model.null_label
        t = torch.randint(0, len(alpha_bar), (len(idx),))
        noise = torch.randn(len(idx), x.shape[1])
        keep = alpha_bar[t].to(torch.float32)[:, None]
        loss = F.mse_loss(model(keep.sqrt() * x[idx] + (1 - keep).sqrt() * noise, t, y), noise)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return model.eval()


@torch.no_grad()
def sample_guided(model, n, label, w, betas=None, generator=None):
    betas = linear_betas() if betas is None else betas
    dev = next(model.parameters()).device
    ab = torch.cumprod(1 - betas, 0).tolist()
    b = betas.tolist()
    x = torch.randn((n, model.seq_len), generator=generator, device=dev)
    null = torch.full((n,), model.null_label, dtype=torch.long, device=dev)
    for t in range(len(b))[::-1]:
        tt = torch.full((n,), t, dtype=torch.long, device=dev)
        eps = model(x, tt, null)
        if label is not None:
            eps_c = model(x, tt, torch.full((n,), label, dtype=torch.long, device=dev))
            eps = (1 - w) * eps + w * eps_c
        ab_prev = ab[t - 1] if t > 0 else 1.0
        x0_hat = (x - math.sqrt(1 - ab[t]) * eps) / math.sqrt(ab[t])
        coef1 = b[t] * math.sqrt(ab_prev) / (1 - ab[t])
        coef2 = (1 - ab_prev) * math.sqrt(1 - b[t]) / (1 - ab[t])
        mean = coef1 * x0_hat + coef2 * x
        if t == 0:
            x = mean
        else:
            sd = math.sqrt(b[t] * (1 - ab_prev) / (1 - ab[t]))
            x = mean + sd * torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device)
    return x


def design(model, n, label, w, generator=None):
    return decode_dna(sample_guided(model, n, label, w, None, generator), model.seq_len // 4)


def plot_gc(gc_unconditional, gc_high, gc_low):
    fig, ax = plt.subplots()
    names = ["unconditional", "guided to high GC", "guided to low GC"]
    for name, values in zip(names, [gc_unconditional, gc_high, gc_low]):
        levels, counts = torch.unique(values, sorted=True, return_counts=True)
        ax.step(levels.tolist(), (counts.cumsum(0) / values.numel()).tolist(), where="post", label=name)
    ax.set_xlabel("GC content")
    ax.set_ylabel("cumulative fraction")
    ax.legend()
    return fig
