"""Mutant: the discriminator's one-hot is F.one_hot(labels) without n_classes: its width is the
largest label in the batch + 1, so a batch without the last class has too few columns."""
import torch
import torch.nn.functional as F

from reference.session09.ex04_conditional_gan import ConditionalGAN as _Reference
from reference.session09.ex04_conditional_gan import scale_to_unit, train_cgan, unscale  # noqa: F401

CAUGHT_BY = {"discriminator_uses_label"}


class ConditionalGAN(_Reference):
    def discriminate(self, x, labels):
        return self.discriminator(torch.cat([x, F.one_hot(labels).to(x.dtype)], dim=1))
