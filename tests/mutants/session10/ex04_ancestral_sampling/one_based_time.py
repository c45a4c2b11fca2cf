"""Mutant: the model fed t + 1 (the paper's 1-based steps t = 1..T) while the schedule is indexed at
the 0-based t: the denoiser is asked about the wrong noise level, and about the step T, which does not
exist, at the start of the chain."""
import torch

from reference.session10.ex04_ancestral_sampling import DiffusionProcess as _Reference

CAUGHT_BY = {"p_sample_marginals", "chain_ends_at_c", "reverse_order_no_grad", "seeded_sampling"}


class DiffusionProcess(_Reference):
    @torch.no_grad()
    def p_sample(self, model, x_t, t, generator=None):
        steps = torch.full((x_t.shape[0],), t + 1, dtype=torch.long, device=x_t.device)
        eps = model(x_t, steps)
        coef = float(self.betas[t] / (1.0 - self.alpha_bar[t]).sqrt())
        mean = (x_t - coef * eps) / float(self.alphas[t].sqrt())
        if t == 0:
            return mean
        z = torch.randn(x_t.shape, generator=generator, dtype=x_t.dtype, device=x_t.device)
        return mean + float(self.posterior_variance[t].sqrt()) * z
