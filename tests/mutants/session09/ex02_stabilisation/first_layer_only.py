"""Mutant: spectral norm on the first Linear only (D.net[0]); the later layers keep their raw
weights, so D is not 1-Lipschitz."""
from torch.nn.utils.parametrizations import spectral_norm

from reference.session09.ex02_stabilisation import (  # noqa: F401
    Discriminator,
    add_instance_noise,
    discriminator_targets,
    noise_sigma,
    smoothed_discriminator_step,
)

CAUGHT_BY = {"spectral_norm", "lipschitz"}


def spectral_norm_discriminator(D):
    spectral_norm(D.net[0])
    return D
