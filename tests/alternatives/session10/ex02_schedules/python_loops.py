"""Correct alternative: plain Python and the math module, one step at a time, turned into float64
tensors at the end: betas from f evaluated pairwise in a loop, alpha_bar and beta_tilde from running
products, alpha_bar_prev remembered along the way; the linear schedule from start + i * step."""
import math

import torch


def linear_beta_schedule(num_timesteps=1000, beta_start=1e-4, beta_end=0.02):
    step = (beta_end - beta_start) / (num_timesteps - 1)
    values = [beta_start + i * step for i in range(num_timesteps - 1)] + [beta_end]
    return torch.tensor(values, dtype=torch.float64)


def _f(i, total, s):
    angle = (i / total + s) / (1 + s) * math.pi / 2
    return math.cos(angle) * math.cos(angle)


def cosine_beta_schedule(num_timesteps=1000, s=0.008, max_beta=0.999):
    out = []
    for i in range(num_timesteps):
        beta = 1.0 - _f(i + 1, num_timesteps, s) / _f(i, num_timesteps, s)
        out.append(max_beta if beta > max_beta else beta)
    return torch.tensor(out, dtype=torch.float64)


def schedule_quantities(betas):
    values = [float(b) for b in betas.tolist()]
    alphas, alpha_bar, alpha_bar_prev, tilde = [], [], [], []
    product = 1.0
    for beta in values:
        alpha_bar_prev.append(product)
        alphas.append(1.0 - beta)
        new = product * (1.0 - beta)
        tilde.append(beta * (1.0 - product) / (1.0 - new))
        product = new
        alpha_bar.append(product)
    as64 = lambda v: torch.tensor(v, dtype=torch.float64)  # noqa: E731
    return dict(betas=as64(values), alphas=as64(alphas), alpha_bar=as64(alpha_bar),
                alpha_bar_prev=as64(alpha_bar_prev), posterior_variance=as64(tilde))


def cosine_alpha_bar(num_timesteps=1000, s=0.008, max_beta=0.999):
    product, out = 1.0, []
    for beta in cosine_beta_schedule(num_timesteps, s, max_beta).tolist():
        product *= 1.0 - beta
        out.append(product)
    return torch.tensor(out, dtype=torch.float64)
