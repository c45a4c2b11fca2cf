"""Correct alternative: both predictions of a guided step from ONE model call on 2n rows, schedule
values gathered as tensors cast to the data's dtype and device, noise from torch.randn_like with the
generator; training draws from its own torch.Generator; decoding by a lookup table; the figure with
ax.ecdf; the network assembled from a list of layers."""
import math

import numpy as np
import torch
from matplotlib import pyplot as plt
from torch import nn

LETTERS = np.array(list("ACGT"))


def to_model_space(onehot):
    return onehot.mul(2).sub(1).flatten(start_dim=1)


def decode_dna(x, length):
    idx = torch.argmax(x.detach().cpu().view(-1, 4, length), dim=1).numpy()
    return ["".join(row) for row in LETTERS[idx]]


def gc_content(seqs):
    strong = torch.tensor([sum(ch in "GC" for ch in s) for s in seqs], dtype=torch.float64)
    return strong / torch.tensor([len(s) for s in seqs], dtype=torch.float64)


def linear_betas(num_steps=100, start=1e-3, end=0.2):
    frac = torch.arange(num_steps, dtype=torch.float64) / max(num_steps - 1, 1)
    return start + (end - start) * frac


def time_embedding(t, dim):
    half = dim // 2
    k = torch.arange(half, device=t.device)
    freq = torch.exp(k * (-math.log(10000.0) / half))
    arg = t[:, None].float() * freq[None, :]
    return torch.cat((torch.sin(arg), torch.cos(arg)), dim=-1)


class ConditionalDenoiser(nn.Module):
    def __init__(self, seq_len=48, n_classes=2, time_dim=16, label_dim=8, hidden=128):
        super().__init__()
        self.seq_len = seq_len
        self.time_dim = time_dim
        self.null_label = n_classes
        self.label_emb = nn.Embedding(n_classes + 1, label_dim)
        layers = [nn.Linear(seq_len + time_dim + label_dim, hidden), nn.ReLU()]
        layers += [nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, seq_len)]
        self.net = nn.Sequential(*layers)

    def forward(self, x, t, labels):
        h = torch.cat((x, time_embedding(t, self.time_dim), self.label_emb(labels)), dim=-1)
        return self.net(h)


def train_gc_model(x, labels, steps=300, batch_size=128, lr=3e-3, p_uncond=0.1, seed=0):
    torch.manual_seed(seed)
    model = ConditionalDenoiser(x.shape[1])
    gen = torch.Generator().manual_seed(seed)
    abar = torch.cumprod(1.0 - linear_betas(), 0)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for _ in range(steps):
        rows = torch.randint(x.shape[0], (batch_size,), generator=gen)
        drop = torch.rand(batch_size, generator=gen) < p_uncond
        y = labels[rows].masked_fill(drop, model.null_label)
        t = torch.randint(len(abar), (batch_size,), generator=gen)
        eps = torch.randn(batch_size, x.shape[1], generator=gen)
        a = abar[t].float().unsqueeze(-1)
        noisy = a.sqrt() * x[rows] + (1 - a).sqrt() * eps
        loss = (model(noisy, t, y) - eps).pow(2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()
    return model


def sample_guided(model, n, label, w, betas=None, generator=None):
    if betas is None:
        betas = linear_betas()
    device = next(model.parameters()).device
    alphas = 1.0 - betas
    abar = torch.cumprod(alphas, 0)
    abar_prev = torch.cat((abar.new_ones(1), abar[:-1]))
    var = betas * (1.0 - abar_prev) / (1.0 - abar)
    with torch.no_grad():
        x = torch.randn((n, model.seq_len), generator=generator, device=device)
        null = torch.full((n,), model.null_label, device=device, dtype=torch.long)
        ys = null if label is None else torch.cat((null, torch.full_like(null, label)))
        for t in reversed(range(len(betas))):
            ts = torch.full((ys.shape[0],), t, dtype=torch.long, device=device)
            out = model(x.repeat(ys.shape[0] // n, 1), ts, ys)
            eps = out if label is None else out[:n] + w * (out[n:] - out[:n])
            c = (betas[t] / torch.sqrt(1 - abar[t])).to(x)
            x = (x - c * eps) / torch.sqrt(alphas[t]).to(x)
            if t:
                x = x + torch.sqrt(var[t]).to(x) * torch.randn_like(x, generator=generator)
    return x


def design(model, n, label, w, generator=None):
    samples = sample_guided(model, n, label, w, generator=generator)
    return decode_dna(samples, model.seq_len // 4)


def plot_gc(gc_unconditional, gc_high, gc_low):
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.ecdf(gc_unconditional.numpy(), label="unconditional")
    ax.ecdf(gc_high.numpy(), label="guided to high GC")
    ax.ecdf(gc_low.numpy(), label="guided to low GC")
    ax.set(xlabel="GC content", ylabel="cumulative fraction", title="GC content of designed DNA")
    ax.legend(loc="upper left")
    return fig
