"""Reference solution: session 10, exercise 4 (ancestral sampling: DiffusionProcess with q_sample,
p_sample and sample)."""
import torch


class DiffusionProcess:
    def __init__(self, num_timesteps=1000, betas=None):
        self.num_timesteps = num_timesteps
        if betas is None:
            scale = 1000.0 / num_timesteps
            betas = torch.linspace(1e-4 * scale, 0.02 * scale, num_timesteps, dtype=torch.float64)
        self.betas = betas
        self.alphas = 1.0 - betas
        self.alpha_bar = torch.cumprod(self.alphas, dim=0)
        first = torch.ones(1, dtype=self.alpha_bar.dtype)
        self.alpha_bar_prev = torch.cat([first, self.alpha_bar[:-1]])
        self.posterior_variance = self.betas * (1.0 - self.alpha_bar_prev) / (1.0 - self.alpha_bar)

    @staticmethod
    def _per_sample(values, t, like):
        """values[t] for a batch of steps t [B], on like's device and dtype, viewed [B, 1, ..., 1]."""
        picked = values.to(like.device)[t].to(like.dtype)
        return picked.reshape(-1, *([1] * (like.dim() - 1)))

    @staticmethod
    def _scalar(value, like):
        return value.to(device=like.device, dtype=like.dtype)

    def q_sample(self, x0, t, noise=None, generator=None):
        if noise is None:
            noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
        signal = self._per_sample(self.alpha_bar.sqrt(), t, x0)
        spread = self._per_sample((1.0 - self.alpha_bar).sqrt(), t, x0)
        return signal * x0 + spread * noise

    @torch.no_grad()
    def p_sample(self, model, x_t, t, generator=None):
        steps = torch.full((x_t.shape[0],), t, dtype=torch.long, device=x_t.device)
        eps = model(x_t, steps)
        eps_coef = self._scalar(self.betas[t] / (1.0 - self.alpha_bar[t]).sqrt(), x_t)
        mean = (x_t - eps_coef * eps) / self._scalar(self.alphas[t].sqrt(), x_t)
        if t == 0:
            return mean
        z = torch.randn(x_t.shape, generator=generator, dtype=x_t.dtype, device=x_t.device)
        return mean + self._scalar(self.posterior_variance[t].sqrt(), x_t) * z

    @torch.no_grad()
    def sample(self, model, shape, generator=None, device=None):
        was_training = model.training
        model.eval()
        try:
            x = torch.randn(shape, generator=generator, device=device)
            for t in reversed(range(self.num_timesteps)):
                x = self.p_sample(model, x, t, generator=generator)
        finally:
            model.train(was_training)
        return x
