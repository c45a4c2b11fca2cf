"""Mutant: the Discriminator's default input_dim is 784 (MNIST's 28 x 28, from GAN tutorials) instead
of the guide's 200 genes."""
from reference.session09.ex02_stabilisation import Discriminator as _Reference
from reference.session09.ex02_stabilisation import (  # noqa: F401
    add_instance_noise,
    discriminator_targets,
    noise_sigma,
    smoothed_discriminator_step,
    spectral_norm_discriminator,
)

CAUGHT_BY = {"param_count"}


class Discriminator(_Reference):
    def __init__(self, input_dim=784):
        super().__init__(input_dim)
