"""Mutant: the weights are divided by their spectral norm once, in place; after the next optimizer
update they are no longer normalised (and there is no parametrization)."""
import torch
from torch import nn

from reference.session09.ex02_stabilisation import (  # noqa: F401
    Discriminator,
    add_instance_noise,
    discriminator_targets,
    noise_sigma,
    smoothed_discriminator_step,
)

CAUGHT_BY = {"spectral_norm"}


def spectral_norm_discriminator(D):
    with torch.no_grad():
        for module in D.modules():
            if isinstance(module, nn.Linear):
                module.weight /= torch.linalg.matrix_norm(module.weight, ord=2)
    return D
