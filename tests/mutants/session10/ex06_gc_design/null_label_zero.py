"""Mutant: the null label collides with class 0: an Embedding of n_classes rows and null_label = 0,
so "no label" and "low GC" are the same input; the unconditional model is (mostly) the low-GC model
and guidance to low GC does nothing."""
import torch
import torch.nn.functional as F
from torch import nn

from reference.session10.ex06_gc_design import (  # noqa: F401
    decode_dna, design, gc_content, linear_betas, plot_gc, sample_guided, time_embedding, to_model_space)

CAUGHT_BY = {"param_count", "guided_design"}


class ConditionalDenoiser(nn.Module):
    def __init__(self, seq_len=48, n_classes=2, time_dim=16, label_dim=8, hidden=128):
        super().__init__()
        self.seq_len, self.time_dim, self.null_label = seq_len, time_dim, 0
        self.label_emb = nn.Embedding(n_classes, label_dim)
        self.net = nn.Sequential(
            nn.Linear(seq_len + time_dim + label_dim, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, seq_len))

    def forward(self, x, t, labels):
        return self.net(torch.cat([x, time_embedding(t, self.time_dim), self.label_emb(labels)], dim=1))


def train_gc_model(x, labels, steps=300, batch_size=128, lr=3e-3, p_uncond=0.1, seed=0):
    torch.manual_seed(seed)
    model = ConditionalDenoiser(seq_len=x.shape[1])
    alpha_bar = torch.cumprod(1 - linear_betas(), dim=0).to(x.dtype)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(steps):
        idx = torch.randint(0, x.shape[0], (batch_size,))
        x0, y = x[idx], labels[idx]
        y = torch.where(torch.rand(batch_size) < p_uncond, model.null_label, y)
        t = torch.randint(0, alpha_bar.shape[0], (batch_size,))
        noise = torch.randn(x0.shape)
        ab = alpha_bar[t].view(-1, 1)
        loss = F.mse_loss(model(ab.sqrt() * x0 + (1 - ab).sqrt() * noise, t, y), noise)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return model.eval()
