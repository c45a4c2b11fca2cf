"""Mutant: the noise argument ignored: fresh noise drawn on every call, so the xt a training step builds
does not go with the noise it will ask the model to predict."""
import torch

from reference.session10.ex01_forward_diffusion import linear_alpha_bar  # noqa: F401

CAUGHT_BY = {"matches_formula", "one_t_per_sample"}


def forward_diffusion(x0, t, noise_schedule, noise=None, generator=None):
    noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
    alpha_bar = noise_schedule.to(x0.device)[t].to(x0.dtype).view(-1, *[1] * (x0.dim() - 1))
    xt = torch.sqrt(alpha_bar) * x0 + torch.sqrt(1 - alpha_bar) * noise
    return xt, noise
