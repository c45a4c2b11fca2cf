"""Mutant: generate draws its noise from torch's global generator (the guide's torch.randn(batch,
latent_dim)), ignoring the generator it is given: not reproducible from a seed."""
import torch

from reference.session09.ex04_conditional_gan import ConditionalGAN as _Reference
from reference.session09.ex04_conditional_gan import scale_to_unit, train_cgan, unscale  # noqa: F401

CAUGHT_BY = {"generator_uses_label"}


class ConditionalGAN(_Reference):
    def generate(self, labels, generator=None):
        z = torch.randn(len(labels), self.latent_dim, device=labels.device)
        return self(z, labels)
