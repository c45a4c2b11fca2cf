"""Mutant: the real targets are "smoothed" upwards to 1 + smoothing (1.1), beyond a probability."""
import types

import torch

from reference.session09 import ex02_stabilisation as _reference
from reference.session09.ex02_stabilisation import (  # noqa: F401
    Discriminator,
    add_instance_noise,
    noise_sigma,
    spectral_norm_discriminator,
)

CAUGHT_BY = {"one_sided_smoothing"}


def discriminator_targets(batch_size, smoothing=0.1):
    return torch.full((batch_size, 1), 1.0 + smoothing), torch.zeros(batch_size, 1)


# the reference's step, calling this module's functions (as a student's step calls theirs)
smoothed_discriminator_step = types.FunctionType(_reference.smoothed_discriminator_step.__code__,
                                                 {**vars(_reference), **globals()},
                                                 argdefs=_reference.smoothed_discriminator_step.__defaults__)
