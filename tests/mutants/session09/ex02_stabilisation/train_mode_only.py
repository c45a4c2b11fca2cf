"""Mutant: a hand-written spectral norm that only normalises in training mode ("power iteration is a
training thing"): in eval mode D uses its raw weights and is far from 1-Lipschitz."""
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

CAUGHT_BY = {"spectral_norm", "lipschitz"}


class _SpectralNorm(nn.Module):
    def __init__(self, weight):
        super().__init__()
        u = torch.randn(weight.shape[0])
        self.register_buffer("u", u / u.norm())

    def forward(self, weight):
        if not self.training:
            return weight
        with torch.no_grad():
            v = weight.t() @ self.u
            v = v / v.norm()
            u = weight @ v
            self.u.copy_(u / u.norm())
        return weight / (self.u @ weight @ v)


def spectral_norm_discriminator(D):
    for module in list(D.modules()):
        if isinstance(module, nn.Linear):
            parametrize.register_parametrization(module, "weight", _SpectralNorm(module.weight))
    return D
