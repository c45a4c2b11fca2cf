"""Mutant: alpha_bar_prev = torch.roll(alpha_bar, 1): the shift is right for t >= 1, but the last
alpha_bar (near 0) wraps around to t = 0 where the 1 belongs, so beta_tilde[0] is about 1 instead of
0 and the last reverse step adds noise to the final sample."""
import torch

from reference.session10.ex02_schedules import cosine_beta_schedule, linear_beta_schedule  # noqa: F401

CAUGHT_BY = {"posterior_variance"}


def schedule_quantities(betas):
    betas = betas.double()
    alphas = 1 - betas
    alpha_bar = torch.cumprod(alphas, dim=0)
    alpha_bar_prev = torch.roll(alpha_bar, 1)
    return {"betas": betas, "alphas": alphas, "alpha_bar": alpha_bar, "alpha_bar_prev": alpha_bar_prev,
            "posterior_variance": betas * (1 - alpha_bar_prev) / (1 - alpha_bar)}


def cosine_alpha_bar(num_timesteps=1000, s=0.008, max_beta=0.999):
    return schedule_quantities(cosine_beta_schedule(num_timesteps, s, max_beta))["alpha_bar"]
