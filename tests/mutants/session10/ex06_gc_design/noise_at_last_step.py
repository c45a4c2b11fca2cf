"""Mutant: the posterior variance "clipped" as in the DDPM code's log-variance (beta_tilde[0] = 0
replaced by beta_tilde[1]) and noise added at EVERY step, the last (t = 0) included: the final
sample gets a last dose of noise instead of being the mean."""
import math

import torch

from reference.session10.ex06_gc_design import (  # noqa: F401
    ConditionalDenoiser, decode_dna, gc_content, linear_betas, plot_gc, time_embedding, to_model_space,
    train_gc_model)

CAUGHT_BY = {"guided_sampling"}


@torch.no_grad()
def sample_guided(model, n, label, w, betas=None, generator=None):
    betas = linear_betas() if betas is None else betas
    device = next(model.parameters()).device
    alphas = 1 - betas
    alpha_bar = torch.cumprod(alphas, dim=0)
    alpha_bar_prev = torch.cat([torch.ones(1, dtype=betas.dtype), alpha_bar[:-1]])
    variance = betas * (1 - alpha_bar_prev) / (1 - alpha_bar)
    variance = torch.cat([variance[1:2], variance[1:]])
    x = torch.randn((n, model.seq_len), generator=generator, device=device)
    null = torch.full((n,), model.null_label, dtype=torch.long, device=device)
    cond = null if label is None else torch.full((n,), label, dtype=torch.long, device=device)
    for t in range(betas.shape[0] - 1, -1, -1):
        steps = torch.full((n,), t, dtype=torch.long, device=device)
        eps = model(x, steps, null)
        if label is not None:
            eps = eps + w * (model(x, steps, cond) - eps)
        mean = (x - betas[t].item() / math.sqrt(1 - alpha_bar[t].item()) * eps) / math.sqrt(alphas[t].item())
        z = torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device)
        x = mean + math.sqrt(variance[t].item()) * z
    return x


def design(model, n, label, w, generator=None):
    return decode_dna(sample_guided(model, n, label, w, generator=generator), model.seq_len // 4)
