"""Mutant: the clip hard-coded at 0.999, the paper's value, whatever max_beta is given: right with
the default, wrong for any other max_beta."""
import math

import torch

from reference.session10.ex02_schedules import linear_beta_schedule, schedule_quantities  # noqa: F401

CAUGHT_BY = {"clipping", "alpha_bar"}


def cosine_beta_schedule(num_timesteps=1000, s=0.008, max_beta=0.999):
    betas = []
    f0 = math.cos(s / (1 + s) * math.pi / 2) ** 2
    for i in range(num_timesteps):
        f1 = math.cos(((i + 1) / num_timesteps + s) / (1 + s) * math.pi / 2) ** 2
        betas.append(min(1 - f1 / f0, 0.999))
        f0 = f1
    return torch.tensor(betas, dtype=torch.float64)


def cosine_alpha_bar(num_timesteps=1000, s=0.008, max_beta=0.999):
    return schedule_quantities(cosine_beta_schedule(num_timesteps, s, max_beta))["alpha_bar"]
