"""Correct alternative: the schedule as a running product of Python floats (itertools.accumulate);
forward_diffusion gathers every sample's alpha_bar at once, then noises one sample at a time in a Python
loop over (alpha_bar, x0 row, noise row) and stacks the rows; the whole schedule is cast to x0's dtype and
device before the gather; the noise from torch.randn_like(x0, generator=generator), which draws the same
numbers as torch.randn(x0.shape, ...)."""
import itertools
import operator

import torch


def linear_alpha_bar(num_timesteps=1000, beta_start=1e-4, beta_end=0.02):
    step = (beta_end - beta_start) / max(num_timesteps - 1, 1)
    alphas = [1.0 - (beta_start + s * step) for s in range(num_timesteps)]
    return torch.tensor(list(itertools.accumulate(alphas, operator.mul)), dtype=torch.float64)


def forward_diffusion(x0, t, noise_schedule, noise=None, generator=None):
    if noise is None:
        noise = torch.randn_like(x0, generator=generator)
    levels = noise_schedule.to(device=x0.device, dtype=x0.dtype)[t]
    rows = []
    for a, sample, eps in zip(levels, x0, noise):
        rows.append(torch.sqrt(a) * sample + torch.sqrt(1 - a) * eps)
    return torch.stack(rows), noise
