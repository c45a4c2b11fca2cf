"""Mutant: the deprecated torch.nn.utils.spectral_norm (a forward pre-hook) instead of the
parametrization the spec asks for: the effective weight is a plain tensor attribute, recomputed
only in forward, which does not follow .to(device), and the layer is not parametrized."""
from torch import nn

from reference.session09.ex02_stabilisation import (  # noqa: F401
    Discriminator,
    add_instance_noise,
    discriminator_targets,
    noise_sigma,
    smoothed_discriminator_step,
)

CAUGHT_BY = {"follows_device", "spectral_norm"}


def spectral_norm_discriminator(D):
    for module in list(D.modules()):
        if isinstance(module, nn.Linear):
            nn.utils.spectral_norm(module)
    return D
