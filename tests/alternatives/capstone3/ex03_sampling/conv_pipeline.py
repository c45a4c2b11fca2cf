"""Correct alternative: the schedule (alphas, alpha_bar, the posterior standard deviations and the
noise coefficients) is precomputed once as explicit float64 tensors and read as Python floats per
step; with a label, each step evaluates the model once on 2n rows (the chain's x with the label stacked
on x with the null label) and mixes the halves with torch.lerp; decoding takes the argmax over the four
channel rows with numpy (first channel on a tie) and maps the codes through a letter array. The random
draws are the spec's, in its order: x_T, then one normal draw per step t > 0."""
import numpy as np
import torch

_LETTERS = np.array(list("ACGT"))


def _schedule(betas):
    betas = betas.detach().to("cpu", torch.float64)
    alphas = 1.0 - betas
    alpha_bar = torch.cumprod(alphas, dim=0)
    alpha_bar_prev = torch.cat([torch.ones(1, dtype=torch.float64), alpha_bar[:-1]])
    eps_coef = betas / torch.sqrt(1.0 - alpha_bar)
    inv_sqrt_alpha = 1.0 / torch.sqrt(alphas)
    sigma = torch.sqrt(betas * (1.0 - alpha_bar_prev) / (1.0 - alpha_bar))
    return eps_coef.tolist(), inv_sqrt_alpha.tolist(), sigma.tolist()


@torch.no_grad()
def sample_chain(model, n, label, w, betas, generator=None):
    device = next(model.parameters()).device
    eps_coef, inv_sqrt_alpha, sigma = _schedule(betas)
    x = torch.randn((n, model.seq_len), generator=generator, device=device)
    null = torch.full((n,), model.null_label, dtype=torch.long, device=device)
    if label is None:
        labels = null
    else:
        labels = torch.cat([torch.full((n,), label, dtype=torch.long, device=device), null])
    if torch.is_tensor(w):  # a tensor weight must match the chain's dtype and device for torch.lerp
        w = w.to(dtype=x.dtype, device=device)
    for t in reversed(range(len(eps_coef))):
        if label is None:
            eps = model(x, torch.full((n,), t, dtype=torch.long, device=device), labels)
        else:
            both = model(torch.cat([x, x]), torch.full((2 * n,), t, dtype=torch.long, device=device), labels)
            eps = torch.lerp(both[n:], both[:n], w)
        x = (x - eps_coef[t] * eps) * inv_sqrt_alpha[t]
        if t > 0:
            x = x + sigma[t] * torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device)
    return x


def decode_designs(x):
    values = x.detach().to("cpu", torch.float64).numpy().reshape(x.shape[0], 4, -1)
    codes = values.argmax(axis=1)
    return ["".join(row) for row in _LETTERS[codes]]


def sample_designs(model, n, label, w, betas, generator=None):
    return decode_designs(sample_chain(model, n, label, w, betas, generator))
