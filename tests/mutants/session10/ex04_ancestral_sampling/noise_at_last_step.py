"""Mutant: noise added at every step, t = 0 included, with the posterior variance clipped at t = 0 to
beta_tilde[1] (as the DDPM code's log-variance does to avoid log 0): the final sample carries noise of
standard deviation sqrt(beta_tilde[1]) instead of being the last mean."""
import torch

from reference.session10.ex04_ancestral_sampling import DiffusionProcess as _Reference

CAUGHT_BY = {"chain_ends_at_c", "seeded_sampling"}


class DiffusionProcess(_Reference):
    @torch.no_grad()
    def p_sample(self, model, x_t, t, generator=None):
        steps = torch.full((x_t.shape[0],), t, dtype=torch.long, device=x_t.device)
        eps = model(x_t, steps)
        coef = float(self.betas[t] / (1.0 - self.alpha_bar[t]).sqrt())
        mean = (x_t - coef * eps) / float(self.alphas[t].sqrt())
        clipped = torch.cat([self.posterior_variance[1:2], self.posterior_variance[1:]])
        z = torch.randn(x_t.shape, generator=generator, dtype=x_t.dtype, device=x_t.device)
        return mean + float(clipped[t].sqrt()) * z
