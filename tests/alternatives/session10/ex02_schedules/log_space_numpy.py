"""Correct alternative: NumPy in float64, the cosine squared written as 0.5 * (1 + cos(2 x)), the
betas from the ratio of f(i) / f(0) values, np.minimum for the clip; alpha_bar in log space
(exp of the cumulative sum of log1p(-betas)), alpha_bar_prev by padding, beta_tilde through expm1;
the linear schedule from arange."""
import numpy as np
import torch
import torch.nn.functional as F


def linear_beta_schedule(num_timesteps=1000, beta_start=1e-4, beta_end=0.02):
    frac = np.arange(num_timesteps, dtype=np.float64) / (num_timesteps - 1)
    return torch.from_numpy(beta_start * (1 - frac) + beta_end * frac)


def cosine_beta_schedule(num_timesteps=1000, s=0.008, max_beta=0.999):
    x = (np.arange(num_timesteps + 1, dtype=np.float64) / num_timesteps + s) / (1 + s) * np.pi / 2
    curve = 0.5 * (1 + np.cos(2 * x))
    curve = curve / curve[0]
    return torch.from_numpy(np.minimum(1 - curve[1:] / curve[:-1], max_beta))


def schedule_quantities(betas):
    b = betas.detach().to(torch.float64).clone()
    log_alpha_bar = torch.cumsum(torch.log1p(-b), 0)
    log_prev = F.pad(log_alpha_bar[:-1], (1, 0))
    return {
        "betas": b,
        "alphas": 1 - b,
        "alpha_bar": log_alpha_bar.exp(),
        "alpha_bar_prev": log_prev.exp(),
        "posterior_variance": b * torch.expm1(log_prev) / torch.expm1(log_alpha_bar),
        "log_alpha_bar": log_alpha_bar,
    }


def cosine_alpha_bar(num_timesteps=1000, s=0.008, max_beta=0.999):
    betas = cosine_beta_schedule(num_timesteps, s, max_beta)
    return torch.cumprod(1 - betas, dim=0)
