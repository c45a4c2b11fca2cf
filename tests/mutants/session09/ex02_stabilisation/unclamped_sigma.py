"""Mutant: the linear schedule is not clamped: past total_steps sigma goes negative."""
import types

from reference.session09 import ex02_stabilisation as _reference
from reference.session09.ex02_stabilisation import (  # noqa: F401
    Discriminator,
    add_instance_noise,
    discriminator_targets,
    spectral_norm_discriminator,
)

CAUGHT_BY = {"noise_annealing"}


def noise_sigma(step, total_steps, start=0.1):
    return start * (1.0 - step / total_steps)


# the reference's step, calling this module's functions (as a student's step calls theirs)
smoothed_discriminator_step = types.FunctionType(_reference.smoothed_discriminator_step.__code__,
                                                 {**vars(_reference), **globals()},
                                                 argdefs=_reference.smoothed_discriminator_step.__defaults__)
