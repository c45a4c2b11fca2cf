"""Mutant: the guide's schedule, 1e-4 to 0.02, kept for a chain of 100 steps: alpha_bar[99] = 0.36,
so sampling starts from pure noise where the model was trained to see a third of the signal."""
import math

import torch
import torch.nn.functional as F

from reference.session10.ex06_gc_design import (  # noqa: F401
    ConditionalDenoiser, decode_dna, gc_content, plot_gc, time_embedding, to_model_space)

CAUGHT_BY = {"guided_sampling"}


def linear_betas(num_steps=100, start=1e-4, end=0.02):
    return torch.linspace(start, end, num_steps, dtype=torch.float64)


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
        eps = model(x, steps, null)
        if label is not None:
            eps = eps + w * (model(x, steps, cond) - eps)
        mean = (x - betas[t].item() / math.sqrt(1 - alpha_bar[t].item()) * eps) / math.sqrt(alphas[t].item())
        if t > 0:
            z = torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device)
            x = mean + math.sqrt(variance[t].item()) * z
        else:
            x = mean
    return x


def design(model, n, label, w, generator=None):
    return decode_dna(sample_guided(model, n, label, w, generator=generator), model.seq_len // 4)
