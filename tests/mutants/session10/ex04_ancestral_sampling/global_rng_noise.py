"""Mutant: the reverse step's noise drawn from torch's global generator (torch.randn(x_t.shape, ...)
without generator=): the generator argument is ignored, sampling is not reproducible from it and the
global random state moves."""
import torch

from reference.session10.ex04_ancestral_sampling import DiffusionProcess as _Reference

CAUGHT_BY = {"seeded_sampling"}


class DiffusionProcess(_Reference):
    @torch.no_grad()
    def p_sample(self, model, x_t, t, generator=None):
        steps = torch.full((x_t.shape[0],), t, dtype=torch.long, device=x_t.device)
        eps = model(x_t, steps)
        coef = float(self.betas[t] / (1.0 - self.alpha_bar[t]).sqrt())
        mean = (x_t - coef * eps) / float(self.alphas[t].sqrt())
        if t == 0:
            return mean
        z = torch.randn(x_t.shape, dtype=x_t.dtype, device=x_t.device)
        return mean + float(self.posterior_variance[t].sqrt()) * z
