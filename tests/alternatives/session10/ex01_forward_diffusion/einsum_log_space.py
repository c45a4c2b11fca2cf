"""Correct alternative: the schedule in log space, exp(cumsum(log1p(-betas))) with the betas built from
arange; forward_diffusion gathers with torch.gather and scales each sample with torch.einsum over any
number of non-batch axes ("b,b...->b..."), no reshape; noise from a conditional expression."""
import torch


def linear_alpha_bar(num_timesteps=1000, beta_start=1e-4, beta_end=0.02):
    ramp = torch.arange(num_timesteps, dtype=torch.float64) / (num_timesteps - 1)
    betas = beta_start + (beta_end - beta_start) * ramp
    return torch.log1p(-betas).cumsum(0).exp()


def forward_diffusion(x0, t, noise_schedule, noise=None, generator=None):
    noise = torch.randn_like(x0, generator=generator) if noise is None else noise
    ab = torch.gather(noise_schedule.to(x0.device), 0, t.to(x0.device)).to(x0.dtype)
    signal = torch.einsum("b,b...->b...", ab.sqrt(), x0)
    spread = torch.einsum("b,b...->b...", (1 - ab).sqrt(), noise)
    return signal + spread, noise
