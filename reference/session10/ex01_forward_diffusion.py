"""Reference solution: session 10, exercise 1 (forward diffusion: noising in one step, one t per sample)."""
import torch


def linear_alpha_bar(num_timesteps=1000, beta_start=1e-4, beta_end=0.02):
    betas = torch.linspace(beta_start, beta_end, steps=num_timesteps, dtype=torch.float64)
    return torch.cumprod(1.0 - betas, dim=0)


def forward_diffusion(x0, t, noise_schedule, noise=None, generator=None):
    if noise is None:
        noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
    per_sample = (x0.shape[0],) + (1,) * (x0.dim() - 1)
    alpha_bar = noise_schedule.to(x0.device)[t].to(x0.dtype).view(per_sample)
    xt = alpha_bar.sqrt() * x0 + (1.0 - alpha_bar).sqrt() * noise
    return xt, noise
