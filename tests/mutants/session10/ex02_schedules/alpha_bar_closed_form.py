"""Mutant: the cosine schedule's alpha_bar taken from its closed form f(t + 1) / f(0), the curve the
schedule was designed to follow, ignoring the clip: equal wherever no beta was clipped, but at the
last step it gives ~3.7e-33 instead of alpha_bar[T - 2] * (1 - max_beta), and with a small max_beta
it is wrong over every clipped step."""
import math

import torch

from reference.session10.ex02_schedules import (cosine_beta_schedule, linear_beta_schedule,  # noqa: F401
                                               schedule_quantities)

CAUGHT_BY = {"alpha_bar"}


def cosine_alpha_bar(num_timesteps=1000, s=0.008, max_beta=0.999):
    steps = torch.arange(num_timesteps + 1, dtype=torch.float64)
    f = torch.cos((steps / num_timesteps + s) / (1 + s) * math.pi / 2) ** 2
    return f[1:] / f[0]
