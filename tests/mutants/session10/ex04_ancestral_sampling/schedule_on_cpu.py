"""Mutant: q_sample gathers alpha_bar[t] from the schedule where it lives (the CPU) and only casts
the dtype: it works on CPU data and fails once the data and t are on a GPU."""
import torch

from reference.session10.ex04_ancestral_sampling import DiffusionProcess as _Reference

CAUGHT_BY = {"follows_device"}


class DiffusionProcess(_Reference):
    def q_sample(self, x0, t, noise=None, generator=None):
        if noise is None:
            noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
        ab = self.alpha_bar[t].to(x0.dtype).view(-1, *([1] * (x0.dim() - 1)))
        return ab.sqrt() * x0 + (1 - ab).sqrt() * noise
