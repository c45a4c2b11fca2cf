"""Mutant: torch.clamp(betas, max_beta), whose second positional argument is the LOWER bound
(min=max_beta): every beta becomes at least max_beta, 0.999 by default, instead of at most."""
import math

import torch

from reference.session10.ex02_schedules import linear_beta_schedule, schedule_quantities  # noqa: F401

CAUGHT_BY = {"cosine", "clipping", "alpha_bar"}


def cosine_beta_schedule(num_timesteps=1000, s=0.008, max_beta=0.999):
    steps = torch.arange(num_timesteps + 1, dtype=torch.float64)
    f = torch.cos((steps / num_timesteps + s) / (1 + s) * math.pi / 2) ** 2
    return torch.clamp(1 - f[1:] / f[:-1], max_beta)


def cosine_alpha_bar(num_timesteps=1000, s=0.008, max_beta=0.999):
    return schedule_quantities(cosine_beta_schedule(num_timesteps, s, max_beta))["alpha_bar"]
