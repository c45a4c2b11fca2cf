"""Reference solution: session 10, exercise 2 (noise schedules: linear, cosine, and what follows)."""
import math

import torch


def linear_beta_schedule(num_timesteps=1000, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, num_timesteps, dtype=torch.float64)


def cosine_beta_schedule(num_timesteps=1000, s=0.008, max_beta=0.999):
    steps = torch.arange(num_timesteps + 1, dtype=torch.float64)
    f = torch.cos((steps / num_timesteps + s) / (1 + s) * math.pi / 2) ** 2
    betas = 1 - f[1:] / f[:-1]
    return betas.clamp(max=max_beta)


def schedule_quantities(betas):
    betas = betas.to(torch.float64)
    alphas = 1 - betas
    alpha_bar = torch.cumprod(alphas, dim=0)
    alpha_bar_prev = torch.cat([alpha_bar.new_ones(1), alpha_bar[:-1]])
    posterior_variance = betas * (1 - alpha_bar_prev) / (1 - alpha_bar)
    return {"betas": betas, "alphas": alphas, "alpha_bar": alpha_bar, "alpha_bar_prev": alpha_bar_prev,
            "posterior_variance": posterior_variance}


def cosine_alpha_bar(num_timesteps=1000, s=0.008, max_beta=0.999):
    return schedule_quantities(cosine_beta_schedule(num_timesteps, s, max_beta))["alpha_bar"]
