"""Mutant: generate draws z without device=, so z stays on the CPU when the model and the
labels live on a GPU."""
import torch

from reference.session08.ex04_conditional_vae import ConditionalVAE as _Reference
from reference.session08.ex04_conditional_vae import one_hot, train_cvae  # noqa: F401

CAUGHT_BY = {"follows_device"}


class ConditionalVAE(_Reference):
    @torch.no_grad()
    def generate(self, labels, generator=None):
        return self.decode(torch.randn((len(labels), self.latent_dim), generator=generator), labels)
