"""Reference solution: session 10, exercise 6 (designing DNA of a chosen GC content with guidance)."""
import math

import torch
import torch.nn.functional as F
from matplotlib import pyplot as plt
from torch import nn

BASES = "ACGT"
CURVE_LABELS = ("unconditional", "guided to high GC", "guided to low GC")


def to_model_space(onehot):
    return (2 * onehot - 1).reshape(onehot.shape[0], -1)


def decode_dna(x, length):
    codes = x.detach().reshape(x.shape[0], 4, length).argmax(dim=1)
    return ["".join(BASES[c] for c in row) for row in codes.tolist()]


def gc_content(seqs):
    return torch.tensor([(s.count("G") + s.count("C")) / len(s) for s in seqs], dtype=torch.float64)


def linear_betas(num_steps=100, start=1e-3, end=0.2):
    return torch.linspace(start, end, num_steps, dtype=torch.float64)


def time_embedding(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, device=t.device, dtype=torch.float32) / half)
    angles = t.float().unsqueeze(1) * freqs.unsqueeze(0)
    return torch.cat([angles.sin(), angles.cos()], dim=1)


class ConditionalDenoiser(nn.Module):
    def __init__(self, seq_len=48, n_classes=2, time_dim=16, label_dim=8, hidden=128):
        super().__init__()
        self.seq_len, self.time_dim, self.null_label = seq_len, time_dim, n_classes
        self.label_emb = nn.Embedding(n_classes + 1, label_dim)
        self.net = nn.Sequential(
            nn.Linear(seq_len + time_dim + label_dim, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, seq_len))

    def forward(self, x, t, labels):
        features = [x, time_embedding(t, self.time_dim).to(x.dtype), self.label_emb(labels).to(x.dtype)]
        return self.net(torch.cat(features, dim=1))


def train_gc_model(x, labels, steps=300, batch_size=128, lr=3e-3, p_uncond=0.1, seed=0):
    torch.manual_seed(seed)
    model = ConditionalDenoiser(seq_len=x.shape[1])
    alpha_bar = torch.cumprod(1 - linear_betas(), dim=0).to(x.dtype)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    num_steps = alpha_bar.shape[0]
    for _step in range(steps):
        idx = torch.randint(0, x.shape[0], (batch_size,))
        x0, y = x[idx], labels[idx]
        y = torch.where(torch.rand(batch_size) < p_uncond, model.null_label, y)
        t = torch.randint(0, num_steps, (batch_size,))
        noise = torch.randn(x0.shape)
        ab = alpha_bar[t].view(-1, 1)
        xt = ab.sqrt() * x0 + (1 - ab).sqrt() * noise
        loss = F.mse_loss(model(xt, t, y), noise)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return model.eval()


@torch.no_grad()
def sample_guided(model, n, label, w, betas=None, generator=None):
    betas = linear_betas() if betas is None else betas
    device = next(model.parameters()).device
    alphas = 1 - betas
    alpha_bar = torch.cumprod(alphas, dim=0)
    alpha_bar_prev = torch.cat([torch.ones(1, dtype=betas.dtype), alpha_bar[:-1]])
    variance = betas * (1 - alpha_bar_prev) / (1 - alpha_bar)
    x = torch.randn((n, model.seq_len), generator=generator, device=device)
    null = torch.full((n,), model.null_label, dtype=torch.long, device=device)
    cond = null if label is None else torch.full((n,), label, dtype=torch.long, device=device)
    for t in range(betas.shape[0] - 1, -1, -1):
        steps = torch.full((n,), t, dtype=torch.long, device=device)
        eps_u = model(x, steps, null)
        eps = eps_u if label is None else eps_u + w * (model(x, steps, cond) - eps_u)
        mean = (x - betas[t].item() / math.sqrt(1 - alpha_bar[t].item()) * eps) / math.sqrt(alphas[t].item())
        if t > 0:
            z = torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device)
            x = mean + math.sqrt(variance[t].item()) * z
        else:
            x = mean
    return x


def design(model, n, label, w, generator=None):
    return decode_dna(sample_guided(model, n, label, w, generator=generator), model.seq_len // 4)


def plot_gc(gc_unconditional, gc_high, gc_low):
    fig, ax = plt.subplots()
    for values, label in zip((gc_unconditional, gc_high, gc_low), CURVE_LABELS):
        ordered = torch.sort(torch.as_tensor(values, dtype=torch.float64)).values
        fractions = torch.arange(1, ordered.numel() + 1, dtype=torch.float64) / ordered.numel()
        ax.step(ordered.tolist(), fractions.tolist(), where="post", label=label)
    ax.set_xlabel("GC content")
    ax.set_ylabel("cumulative fraction")
    ax.legend()
    return fig
