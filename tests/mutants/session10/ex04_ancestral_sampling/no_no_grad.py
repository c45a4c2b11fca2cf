"""Mutant: sampling with gradients on (no torch.no_grad() in p_sample or sample): every step of the
chain records an autograd graph through the model, memory grows with T and the sample requires grad."""
import torch

from reference.session10.ex04_ancestral_sampling import DiffusionProcess as _Reference

CAUGHT_BY = {"reverse_order_no_grad"}


class DiffusionProcess(_Reference):
    def p_sample(self, model, x_t, t, generator=None):
        steps = torch.full((x_t.shape[0],), t, dtype=torch.long, device=x_t.device)
        eps = model(x_t, steps)
        coef = float(self.betas[t] / (1.0 - self.alpha_bar[t]).sqrt())
        mean = (x_t - coef * eps) / float(self.alphas[t].sqrt())
        if t == 0:
            return mean
        z = torch.randn(x_t.shape, generator=generator, dtype=x_t.dtype, device=x_t.device)
        return mean + float(self.posterior_variance[t].sqrt()) * z

    def sample(self, model, shape, generator=None, device=None):
        was_training = model.training
        model.eval()
        x = torch.randn(shape, generator=generator, device=device)
        for t in range(self.num_timesteps - 1, -1, -1):
            x = self.p_sample(model, x, t, generator=generator)
        model.train(was_training)
        return x
