"""Mutant: the linear schedule computed in float32 (torch.linspace's default dtype) and cast to
float64 afterwards: right dtype, but every value carries float32's rounding (1e-4 becomes
9.99999975e-05, ~2.5e-8 relative), which the later products compound."""
import torch

from reference.session10.ex02_schedules import (cosine_alpha_bar, cosine_beta_schedule,  # noqa: F401
                                               schedule_quantities)

CAUGHT_BY = {"linear"}


def linear_beta_schedule(num_timesteps=1000, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, num_timesteps).double()
