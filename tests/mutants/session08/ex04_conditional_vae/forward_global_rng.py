"""Mutant: the course guide's reparameterize, eps = torch.randn_like(std): the noise comes from
the global generator, whatever generator is passed."""
import torch

from reference.session08.ex04_conditional_vae import ConditionalVAE as _Reference
from reference.session08.ex04_conditional_vae import one_hot, train_cvae  # noqa: F401

CAUGHT_BY = {"seeded_sampling"}


class ConditionalVAE(_Reference):
    def forward(self, x, labels, generator=None):
        mu, logvar = self.encode(x, labels)
        if not self.training:
            return self.decode(mu, labels), mu, logvar
        std = torch.exp(0.5 * logvar)
        return self.decode(mu + torch.randn_like(std) * std, labels), mu, logvar
