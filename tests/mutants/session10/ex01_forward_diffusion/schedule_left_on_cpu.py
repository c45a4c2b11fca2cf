"""Mutant: the schedule gathered where it lies: noise_schedule[t] with no move to x0's device, so a
schedule made on the CPU (as linear_alpha_bar makes it) meets data on a GPU and the step fails."""
import torch

from reference.session10.ex01_forward_diffusion import linear_alpha_bar  # noqa: F401

CAUGHT_BY = {"follows_device"}


def forward_diffusion(x0, t, noise_schedule, noise=None, generator=None):
    if noise is None:
        noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
    alpha_bar = noise_schedule[t].to(x0.dtype).view(-1, *[1] * (x0.dim() - 1))
    xt = torch.sqrt(alpha_bar) * x0 + torch.sqrt(1 - alpha_bar) * noise
    return xt, noise
