"""Mutant: the guide's noise, torch.randn_like(x0) from torch's global generator: the generator
argument is ignored, the global random state moves, and a seeded call cannot be reproduced."""
import torch

from reference.session10.ex01_forward_diffusion import linear_alpha_bar  # noqa: F401

CAUGHT_BY = {"seeded_noise"}


def forward_diffusion(x0, t, noise_schedule, noise=None, generator=None):
    if noise is None:
        noise = torch.randn_like(x0)
    alpha_bar = noise_schedule.to(x0.device)[t].to(x0.dtype).view(-1, *[1] * (x0.dim() - 1))
    xt = torch.sqrt(alpha_bar) * x0 + torch.sqrt(1 - alpha_bar) * noise
    return xt, noise
