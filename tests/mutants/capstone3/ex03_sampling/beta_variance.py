"""Mutant: each step's noise has variance beta_t instead of the posterior's beta_tilde_t:
a valid sampler of another family, but not the chain the spec fixes (its draws differ in scale)."""
import math
import torch

from reference.capstone3.ex03_sampling import decode_designs  # noqa: F401

CAUGHT_BY = {'chain_matches'}


@torch.no_grad()
def sample_chain(model, n, label, w, betas, generator=None):
    device = next(iter(model.parameters())).device
    alphas = 1 - betas
    alpha_bar = torch.cumprod(alphas, dim=0)
    variance = betas.clone()
    x = torch.randn((n, model.seq_len), generator=generator, device=device)
    null = torch.full((n,), model.null_label, dtype=torch.long, device=device)
    cond = None if label is None else torch.full((n,), label, dtype=torch.long, device=device)
    for t in range(betas.shape[0] - 1, -1, -1):
        steps = torch.full((n,), t, dtype=torch.long, device=device)
        eps_u = model(x, steps, null)
        eps = eps_u if cond is None else eps_u + w * (model(x, steps, cond) - eps_u)
        x = (x - betas[t].item() / math.sqrt(1 - alpha_bar[t].item()) * eps) / math.sqrt(alphas[t].item())
        if t > 0:
            x = x + math.sqrt(variance[t].item()) * torch.randn(x.shape, generator=generator, dtype=x.dtype,
                                                               device=x.device)
    return x


def sample_designs(model, n, label, w, betas, generator=None):
    return decode_designs(sample_chain(model, n, label, w, betas, generator))
