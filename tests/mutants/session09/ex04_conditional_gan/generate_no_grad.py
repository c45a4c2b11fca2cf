"""Mutant: generate runs under @torch.no_grad() (as a sampler elsewhere in the course does), but
training calls it: the fakes carry no graph, the generator's loss reaches neither the generator
nor label_emb, and the generator never learns."""
import torch

from reference.session09.ex04_conditional_gan import ConditionalGAN as _Reference
from reference.session09.ex04_conditional_gan import scale_to_unit, train_cgan, unscale  # noqa: F401

CAUGHT_BY = {"label_embedding", "generates_requested_class"}


class ConditionalGAN(_Reference):
    @torch.no_grad()
    def generate(self, labels, generator=None):
        return super().generate(labels, generator)
