"""Mutant: the guidance weight is accepted but never used: sampling follows the conditional
prediction alone (eps_c, what w = 1 gives), so the designs only reach the GC content of the
training class as far as the short training learned it, never beyond."""
import math

import torch

from reference.session10.ex06_gc_design import (  # noqa: F401
    ConditionalDenoiser, decode_dna, gc_content, linear_betas, plot_gc, time_embedding, to_model_space,
    train_gc_model)

CAUGHT_BY = {"guided_sampling", "guided_design"}


@torch.no_grad()
def sample_guided(model, n, label, w, betas=None, generator=None):
    betas = linear_betas() if betas is None else betas
    device = next(model.parameters()).device
    alphas = 1 - betas
    alpha_bar = torch.cumprod(alphas, dim=0)
    alpha_bar_prev = torch.cat([torch.ones(1, dtype=betas.dtype), alpha_bar[:-1]])
    variance = betas * (1 - alpha_bar_prev) / (1 - alpha_bar)
    x = torch.randn((n, model.seq_len), generator=generator, device=device)
    labels = torch.full((n,), model.null_label if label is None else label, dtype=torch.long, device=device)
    for t in range(betas.shape[0] - 1, -1, -1):
        eps = model(x, torch.full((n,), t, dtype=torch.long, device=device), labels)
        mean = (x - betas[t].item() / math.sqrt(1 - alpha_bar[t].item()) * eps) / math.sqrt(alphas[t].item())
        if t > 0:
            z = torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device)
            x = mean + math.sqrt(variance[t].item()) * z
        else:
            x = mean
    return x


def design(model, n, label, w, generator=None):
    return decode_dna(sample_guided(model, n, label, w, generator=generator), model.seq_len // 4)
