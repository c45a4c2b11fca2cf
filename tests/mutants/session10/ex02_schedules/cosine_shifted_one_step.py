"""Mutant: the cosine schedule one step late. alpha_bar is taken as f(t) / f(0) for t = 0..T-1 (so
alpha_bar[0] = 1) and the betas as 1 - alpha_bar[t] / alpha_bar[t - 1] with a 1 in front: betas[0] = 0,
every other beta is the one of the step before, and the last (clipped) step is lost, so the chain
ends at alpha_bar = f(T - 1) / f(0), far from noise."""
import math

import torch

from reference.session10.ex02_schedules import linear_beta_schedule, schedule_quantities  # noqa: F401

CAUGHT_BY = {"cosine", "clipping", "alpha_bar"}


def cosine_beta_schedule(num_timesteps=1000, s=0.008, max_beta=0.999):
    t = torch.arange(num_timesteps, dtype=torch.float64)
    f = torch.cos((t / num_timesteps + s) / (1 + s) * math.pi / 2) ** 2
    alpha_bar = f / f[0]
    alpha_bar_prev = torch.cat([torch.ones(1, dtype=torch.float64), alpha_bar[:-1]])
    return torch.clamp(1 - alpha_bar / alpha_bar_prev, max=max_beta)


def cosine_alpha_bar(num_timesteps=1000, s=0.008, max_beta=0.999):
    return schedule_quantities(cosine_beta_schedule(num_timesteps, s, max_beta))["alpha_bar"]
