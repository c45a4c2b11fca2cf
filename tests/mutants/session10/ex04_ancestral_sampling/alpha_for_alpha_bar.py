"""Mutant: the one-step alphas[t] where the cumulative alpha_bar[t] belongs in the mean's noise
coefficient (betas[t] / sqrt(1 - alphas[t]) = sqrt(betas[t]) instead of betas[t] / sqrt(1 -
alpha_bar[t])): the mean removes the wrong amount of noise (exact only at t = 0)."""
import torch

from reference.session10.ex04_ancestral_sampling import DiffusionProcess as _Reference

CAUGHT_BY = {"p_sample_marginals", "seeded_sampling"}


class DiffusionProcess(_Reference):
    @torch.no_grad()
    def p_sample(self, model, x_t, t, generator=None):
        steps = torch.full((x_t.shape[0],), t, dtype=torch.long, device=x_t.device)
        eps = model(x_t, steps)
        coef = float(self.betas[t] / (1.0 - self.alphas[t]).sqrt())
        mean = (x_t - coef * eps) / float(self.alphas[t].sqrt())
        if t == 0:
            return mean
        z = torch.randn(x_t.shape, generator=generator, dtype=x_t.dtype, device=x_t.device)
        return mean + float(self.posterior_variance[t].sqrt()) * z
