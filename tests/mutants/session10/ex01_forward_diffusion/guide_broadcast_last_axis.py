"""Mutant: the guide's broadcast: alpha_bar = noise_schedule[t] of shape [B] multiplied with x0 as it is
(cast to x0's dtype, but not viewed as [B, 1, ..., 1]), so it lines up with x0's LAST axis: an error
when B differs from the last axis, silently wrong values when they are equal."""
import torch

from reference.session10.ex01_forward_diffusion import linear_alpha_bar  # noqa: F401

CAUGHT_BY = {"matches_formula", "one_t_per_sample", "marginal_moments"}


def forward_diffusion(x0, t, noise_schedule, noise=None, generator=None):
    if noise is None:
        noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
    alpha_bar = noise_schedule.to(x0.device)[t].to(x0.dtype)
    xt = torch.sqrt(alpha_bar) * x0 + torch.sqrt(1 - alpha_bar) * noise
    return xt, noise
