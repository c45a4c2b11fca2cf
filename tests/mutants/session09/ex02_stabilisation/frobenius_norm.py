"""Mutant: weight normalisation by the Frobenius norm (W / ||W||_F, a parametrization) instead of the
largest singular value: D is still 1-Lipschitz, but over-shrunk (spectral norm well below 1)."""
import torch
from torch import nn
from torch.nn.utils import parametrize

from reference.session09.ex02_stabilisation import (  # noqa: F401
    Discriminator,
    add_instance_noise,
    discriminator_targets,
    noise_sigma,
    smoothed_discriminator_step,
)

CAUGHT_BY = {"spectral_norm"}


class _Frobenius(nn.Module):
    def forward(self, weight):
        return weight / torch.linalg.matrix_norm(weight)


def spectral_norm_discriminator(D):
    for module in list(D.modules()):
        if isinstance(module, nn.Linear):
            parametrize.register_parametrization(module, "weight", _Frobenius())
    return D
