"""Mutant: the starting noise x_T (and every z, made like it) drawn without a device: on the CPU
whatever device the model lives on."""
import math

import torch

from reference.session10.ex06_gc_design import (  # noqa: F401
    ConditionalDenoiser, decode_dna, gc_content, linear_betas, plot_gc, time_embedding, to_model_space,
    train_gc_model)

CAUGHT_BY = {"follows_device"}


@torch.no_grad()
def sample_guided(model, n, label, w, betas=None, generator=None):
    betas = linear_betas() if betas is None else betas
    alphas = 1 - betas
    alpha_bar = torch.cumprod(alphas, dim=0)
    alpha_bar_prev = torch.cat([torch.ones(1, dtype=betas.dtype), alpha_bar[:-1]])
    variance = betas * (1 - alpha_bar_prev) / (1 - alpha_bar)
    x = torch.randn((n, model.seq_len), generator=generator)
    null = torch.full((n,), model.null_label, dtype=torch.long)
    cond = null if label is None else torch.full((n,), label, dtype=torch.long)
    for t in range(betas.shape[0] - 1, -1, -1):
        steps = torch.full((n,), t, dtype=torch.long)
        eps = model(x, steps, null)
        if label is not None:
            eps = eps + w * (model(x, steps, cond) - eps)
        mean = (x - betas[t].item() / math.sqrt(1 - alpha_bar[t].item()) * eps) / math.sqrt(alphas[t].item())
        if t > 0:
            x = mean + math.sqrt(variance[t].item()) * torch.randn(x.shape, generator=generator)
        else:
            x = mean
    return x


def design(model, n, label, w, generator=None):
    return decode_dna(sample_guided(model, n, label, w, generator=generator), model.seq_len // 4)
