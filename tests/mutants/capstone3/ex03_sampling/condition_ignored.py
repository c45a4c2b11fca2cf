"""Mutant: the conditional noise is computed with the null label too (the label never
reaches the model while sampling), so guided designs are unconditional ones."""
import math
import torch

from reference.capstone3.ex03_sampling import decode_designs  # noqa: F401

CAUGHT_BY = {'chain_matches', 'design_outcome', 'design_outcome_hidden'}


@torch.no_grad()
def sample_chain(model, n, label, w, betas, generator=None):
    device = next(iter(model.parameters())).device
    alphas = 1 - betas
    alpha_bar = torch.cumprod(alphas, dim=0)
    alpha_bar_prev = torch.cat([torch.ones(1, dtype=betas.dtype), alpha_bar[:-1]])
    variance = betas * (1 - alpha_bar_prev) / (1 - alpha_bar)
    x = torch.randn((n, model.seq_len), generator=generator, device=device)
    null = torch.full((n,), model.null_label, dtype=torch.long, device=device)
    cond = None if label is None else torch.full((n,), label, dtype=torch.long, device=device)
    for t in range(betas.shape[0] - 1, -1, -1):
        steps = torch.full((n,), t, dtype=torch.long, device=device)
        eps_u = model(x, steps, null)
        eps = eps_u if cond is None else eps_u + w * (model(x, steps, null) - eps_u)
        x = (x - betas[t].item() / math.sqrt(1 - alpha_bar[t].item()) * eps) / math.sqrt(alphas[t].item())
        if t > 0:
            x = x + math.sqrt(variance[t].item()) * torch.randn(x.shape, generator=generator, dtype=x.dtype,
                                                               device=x.device)
    return x


def sample_designs(model, n, label, w, betas, generator=None):
    return decode_designs(sample_chain(model, n, label, w, betas, generator))
