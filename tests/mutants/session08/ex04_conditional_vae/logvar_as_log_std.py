"""Mutant: logvar read as a log standard deviation, std = exp(logvar) instead of exp(logvar / 2)."""
import torch

from reference.session08.ex04_conditional_vae import ConditionalVAE as _Reference
from reference.session08.ex04_conditional_vae import one_hot, train_cvae  # noqa: F401

CAUGHT_BY = {"seeded_sampling"}


class ConditionalVAE(_Reference):
    def forward(self, x, labels, generator=None):
        mu, logvar = self.encode(x, labels)
        if not self.training:
            return self.decode(mu, labels), mu, logvar
        eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
        return self.decode(mu + eps * torch.exp(logvar), labels), mu, logvar
