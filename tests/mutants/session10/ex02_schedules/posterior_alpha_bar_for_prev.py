"""Mutant: the posterior variance with alpha_bar[t] where alpha_bar[t - 1] belongs:
betas[t] * (1 - alpha_bar[t]) / (1 - alpha_bar[t]) = betas[t], DDPM's other variance, not beta_tilde
(and not 0 at t = 0)."""
import torch

from reference.session10.ex02_schedules import cosine_beta_schedule, linear_beta_schedule  # noqa: F401

CAUGHT_BY = {"posterior_variance"}


def schedule_quantities(betas):
    betas = betas.double()
    alphas = 1 - betas
    alpha_bar = torch.cumprod(alphas, dim=0)
    alpha_bar_prev = torch.cat([torch.ones(1, dtype=torch.float64), alpha_bar[:-1]])
    return {"betas": betas, "alphas": alphas, "alpha_bar": alpha_bar, "alpha_bar_prev": alpha_bar_prev,
            "posterior_variance": betas * (1 - alpha_bar) / (1 - alpha_bar)}


def cosine_alpha_bar(num_timesteps=1000, s=0.008, max_beta=0.999):
    return schedule_quantities(cosine_beta_schedule(num_timesteps, s, max_beta))["alpha_bar"]
