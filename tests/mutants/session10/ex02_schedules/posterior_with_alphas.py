"""Mutant: the posterior variance written with the per-step alphas where the cumulative products
belong: betas[t] * (1 - alphas[t - 1]) / (1 - alphas[t]) (with alphas[-1] taken as 1), i.e.
betas[t - 1], the previous step's beta, instead of beta_tilde."""
import torch

from reference.session10.ex02_schedules import cosine_beta_schedule, linear_beta_schedule  # noqa: F401

CAUGHT_BY = {"posterior_variance"}


def schedule_quantities(betas):
    betas = betas.double()
    alphas = 1 - betas
    alpha_bar = torch.cumprod(alphas, dim=0)
    alpha_bar_prev = torch.cat([torch.ones(1, dtype=torch.float64), alpha_bar[:-1]])
    alphas_prev = torch.cat([torch.ones(1, dtype=torch.float64), alphas[:-1]])
    return {"betas": betas, "alphas": alphas, "alpha_bar": alpha_bar, "alpha_bar_prev": alpha_bar_prev,
            "posterior_variance": betas * (1 - alphas_prev) / (1 - alphas)}


def cosine_alpha_bar(num_timesteps=1000, s=0.008, max_beta=0.999):
    return schedule_quantities(cosine_beta_schedule(num_timesteps, s, max_beta))["alpha_bar"]
