"""Mutant: generate makes its noise without device=..., so it stays on the CPU whatever device
the model and the labels are on."""
import torch

from reference.session09.ex04_conditional_gan import ConditionalGAN as _Reference
from reference.session09.ex04_conditional_gan import scale_to_unit, train_cgan, unscale  # noqa: F401

CAUGHT_BY = {"follows_device"}


class ConditionalGAN(_Reference):
    def generate(self, labels, generator=None):
        z = torch.randn(len(labels), self.latent_dim, generator=generator)
        return self(z, labels)
