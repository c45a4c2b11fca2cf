"""Correct alternative: every per-step coefficient precomputed in float64 at construction (1 / sqrt(alpha),
the noise coefficient, the posterior standard deviation), gathered for a batch with Tensor.gather as in
common DDPM code, the noise by torch.randn_like with the generator, sampling under torch.inference_mode()
and the model's mode put back by a context manager."""
import contextlib

import torch


@contextlib.contextmanager
def _evaluating(model):
    previous = model.training
    model.eval()
    try:
        yield model
    finally:
        model.train(previous)


def _extract(values, t, like):
    """values[t] for each sample: [B, 1, ..., 1] on like's device, in like's dtype."""
    out = values.to(like.device).gather(0, t)
    return out.to(like.dtype).reshape(t.shape[0], *((1,) * (like.dim() - 1)))


class DiffusionProcess:
    def __init__(self, num_timesteps=1000, betas=None):
        if betas is None:
            scale = 1000 / num_timesteps
            betas = torch.linspace(scale * 1e-4, scale * 0.02, num_timesteps, dtype=torch.float64)
        self.num_timesteps = len(betas)
        self.betas = betas
        self.alphas = 1 - betas
        self.alpha_bar = torch.cumprod(self.alphas, 0)
        self.alpha_bar_prev = torch.ones_like(self.alpha_bar)
        self.alpha_bar_prev[1:] = self.alpha_bar[:-1]
        self.posterior_variance = betas * (1 - self.alpha_bar_prev) / (1 - self.alpha_bar)
        self._sqrt_alpha_bar = self.alpha_bar.sqrt()
        self._sqrt_one_minus = (1 - self.alpha_bar).sqrt()
        self._recip_sqrt_alpha = 1 / self.alphas.sqrt()
        self._eps_coef = betas / self._sqrt_one_minus
        self._sigma = self.posterior_variance.sqrt()

    def q_sample(self, x0, t, noise=None, generator=None):
        noise = torch.randn_like(x0, generator=generator) if noise is None else noise
        return _extract(self._sqrt_alpha_bar, t, x0) * x0 + _extract(self._sqrt_one_minus, t, x0) * noise

    @torch.inference_mode()
    def p_sample(self, model, x_t, t, generator=None):
        t_batch = x_t.new_full((x_t.shape[0],), t, dtype=torch.int64)
        mean = _extract(self._recip_sqrt_alpha, t_batch, x_t) * (
            x_t - _extract(self._eps_coef, t_batch, x_t) * model(x_t, t_batch))
        if t == 0:
            return mean
        return mean + _extract(self._sigma, t_batch, x_t) * torch.randn_like(x_t, generator=generator)

    @torch.inference_mode()
    def sample(self, model, shape, generator=None, device=None):
        with _evaluating(model):
            x = torch.randn(*shape, generator=generator, device=device)
            for t in reversed(range(self.num_timesteps)):
                x = self.p_sample(model, x, t, generator=generator)
        return x
