"""Mutant: the variance used as a standard deviation: the noise scaled by 1 - alpha_bar instead of
sqrt(1 - alpha_bar), so xt has variance (1 - alpha_bar)^2, far too little noise early in the chain."""
import torch

from reference.session10.ex01_forward_diffusion import linear_alpha_bar  # noqa: F401

CAUGHT_BY = {"matches_formula", "one_t_per_sample", "seeded_noise", "marginal_moments"}


def forward_diffusion(x0, t, noise_schedule, noise=None, generator=None):
    if noise is None:
        noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
    alpha_bar = noise_schedule.to(x0.device)[t].to(x0.dtype).view(-1, *[1] * (x0.dim() - 1))
    xt = torch.sqrt(alpha_bar) * x0 + (1 - alpha_bar) * noise
    return xt, noise
