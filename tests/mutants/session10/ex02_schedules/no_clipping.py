"""Mutant: the cosine betas without the clip at max_beta: the last beta is exactly 1.0 (f(T) is
~3.7e-33), the last alpha is 0 and alpha_bar ends at exactly 0; sampling would divide by
sqrt(alphas[T - 1]) = 0."""
import math

import torch

from reference.session10.ex02_schedules import linear_beta_schedule, schedule_quantities  # noqa: F401

CAUGHT_BY = {"cosine", "clipping", "alpha_bar"}


def cosine_beta_schedule(num_timesteps=1000, s=0.008, max_beta=0.999):
    steps = torch.arange(num_timesteps + 1, dtype=torch.float64)
    f = torch.cos((steps / num_timesteps + s) / (1 + s) * math.pi / 2) ** 2
    return 1 - f[1:] / f[:-1]


def cosine_alpha_bar(num_timesteps=1000, s=0.008, max_beta=0.999):
    return schedule_quantities(cosine_beta_schedule(num_timesteps, s, max_beta))["alpha_bar"]
