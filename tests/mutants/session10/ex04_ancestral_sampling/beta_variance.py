"""Mutant: the reverse step's noise with variance betas[t] (DDPM's other choice, sigma_t^2 = beta_t)
instead of the posterior variance beta tilde: with the exact denoiser the step no longer gives
q(x_(t-1) | c) (far too much noise at small t, where beta tilde is much smaller than beta)."""
import torch

from reference.session10.ex04_ancestral_sampling import DiffusionProcess as _Reference

CAUGHT_BY = {"p_sample_marginals", "seeded_sampling"}


class DiffusionProcess(_Reference):
    @torch.no_grad()
    def p_sample(self, model, x_t, t, generator=None):
        steps = torch.full((x_t.shape[0],), t, dtype=torch.long, device=x_t.device)
        eps = model(x_t, steps)
        coef = float(self.betas[t] / (1.0 - self.alpha_bar[t]).sqrt())
        mean = (x_t - coef * eps) / float(self.alphas[t].sqrt())
        if t == 0:
            return mean
        z = torch.randn(x_t.shape, generator=generator, dtype=x_t.dtype, device=x_t.device)
        return mean + float(self.betas[t].sqrt()) * z
