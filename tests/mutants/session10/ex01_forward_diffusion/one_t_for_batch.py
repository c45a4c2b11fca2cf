"""Mutant: one step for the whole batch: alpha_bar gathered at t[0] only (as if t were one number),
so every sample is noised to the first sample's level."""
import torch

from reference.session10.ex01_forward_diffusion import linear_alpha_bar  # noqa: F401

CAUGHT_BY = {"matches_formula", "one_t_per_sample", "seeded_noise", "marginal_moments"}


def forward_diffusion(x0, t, noise_schedule, noise=None, generator=None):
    if noise is None:
        noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
    alpha_bar = noise_schedule.to(x0.device)[t[0]].to(x0.dtype)
    xt = torch.sqrt(alpha_bar) * x0 + torch.sqrt(1 - alpha_bar) * noise
    return xt, noise
