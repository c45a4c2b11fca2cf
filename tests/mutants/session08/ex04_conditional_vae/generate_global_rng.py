"""Mutant: generate draws z from the global generator (torch.randn(n, latent_dim)) and ignores
the generator it is given."""
import torch

from reference.session08.ex04_conditional_vae import ConditionalVAE as _Reference
from reference.session08.ex04_conditional_vae import one_hot, train_cvae  # noqa: F401

CAUGHT_BY = {"seeded_sampling"}


class ConditionalVAE(_Reference):
    @torch.no_grad()
    def generate(self, labels, generator=None):
        return self.decode(torch.randn(len(labels), self.latent_dim, device=labels.device), labels)
