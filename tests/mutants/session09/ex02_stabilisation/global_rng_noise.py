"""Mutant: the noise is drawn with torch.randn_like(x), which takes no generator: it comes from
(and advances) torch's global random state, so the step cannot be reproduced from its generator."""
import types

import torch

from reference.session09 import ex02_stabilisation as _reference
from reference.session09.ex02_stabilisation import (  # noqa: F401
    Discriminator,
    discriminator_targets,
    noise_sigma,
    spectral_norm_discriminator,
)

CAUGHT_BY = {"instance_noise"}


def add_instance_noise(x, sigma, generator=None):
    if sigma == 0:
        return x
    return x + sigma * torch.randn_like(x)


# the reference's step, calling this module's functions (as a student's step calls theirs)
smoothed_discriminator_step = types.FunctionType(_reference.smoothed_discriminator_step.__code__,
                                                 {**vars(_reference), **globals()},
                                                 argdefs=_reference.smoothed_discriminator_step.__defaults__)
