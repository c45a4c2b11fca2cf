"""Correct alternative: the reverse step through the predicted clean data,
x0_hat = (x_t - sqrt(1 - alpha_bar[t]) eps) / sqrt(alpha_bar[t]), then the posterior mean
coef1 * x0_hat + coef2 * x_t with coef1 = betas[t] sqrt(alpha_bar_prev[t]) / (1 - alpha_bar[t]) and
coef2 = (1 - alpha_bar_prev[t]) sqrt(alphas[t]) / (1 - alpha_bar[t]) (equal to the noise form in exact
arithmetic; x0_hat is not clipped); coefficients as Python floats, the default betas from arange, the
shifted alpha_bar by F.pad, no_grad as a context manager."""
import math

import torch
import torch.nn.functional as F


class DiffusionProcess:
    def __init__(self, num_timesteps=1000, betas=None):
        steps = num_timesteps
        if betas is None:
            low, high = 0.1 / steps, 20.0 / steps
            betas = low + (high - low) * torch.arange(steps, dtype=torch.float64) / max(steps - 1, 1)
        self.num_timesteps = steps
        self.betas = betas.to(torch.float64)
        self.alphas = 1 - self.betas
        self.alpha_bar = self.alphas.cumprod(0)
        self.alpha_bar_prev = F.pad(self.alpha_bar[:-1], (1, 0), value=1.0)
        self.posterior_variance = self.betas * (1 - self.alpha_bar_prev) / (1 - self.alpha_bar)

    def q_sample(self, x0, t, noise=None, generator=None):
        if noise is None:
            noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
        shape = (x0.shape[0],) + (1,) * (x0.ndim - 1)
        ab = self.alpha_bar.to(device=x0.device)[t].reshape(shape)
        return (ab.sqrt() * x0 + (1 - ab).sqrt() * noise).to(x0.dtype)

    def p_sample(self, model, x_t, t, generator=None):
        with torch.no_grad():
            eps = model(x_t, torch.full((x_t.shape[0],), t, dtype=torch.long, device=x_t.device))
            ab, ab_prev = float(self.alpha_bar[t]), float(self.alpha_bar_prev[t])
            x0_hat = (x_t - math.sqrt(1 - ab) * eps) / math.sqrt(ab)
            coef1 = float(self.betas[t]) * math.sqrt(ab_prev) / (1 - ab)
            coef2 = (1 - ab_prev) * math.sqrt(float(self.alphas[t])) / (1 - ab)
            mean = coef1 * x0_hat + coef2 * x_t
            if t > 0:
                noise = torch.randn(x_t.shape, generator=generator, dtype=x_t.dtype, device=x_t.device)
                mean = mean + math.sqrt(float(self.posterior_variance[t])) * noise
            return mean

    def sample(self, model, shape, generator=None, device=None):
        mode = model.training
        model.train(False)
        with torch.no_grad():
            x = torch.randn(shape, generator=generator, device=device)
            for t in range(self.num_timesteps - 1, -1, -1):
                x = self.p_sample(model, x, t, generator)
        model.train(mode)
        return x
