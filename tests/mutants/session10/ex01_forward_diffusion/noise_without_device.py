"""Mutant: the noise drawn without device=: it is made on the CPU whatever x0's device, which works on
CPU tensors and fails as soon as the data move to a GPU."""
import torch

from reference.session10.ex01_forward_diffusion import linear_alpha_bar  # noqa: F401

CAUGHT_BY = {"follows_device"}


def forward_diffusion(x0, t, noise_schedule, noise=None, generator=None):
    if noise is None:
        noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype)
    alpha_bar = noise_schedule.to(x0.device)[t].to(x0.dtype).view(-1, *[1] * (x0.dim() - 1))
    xt = torch.sqrt(alpha_bar) * x0 + torch.sqrt(1 - alpha_bar) * noise
    return xt, noise
