"""Mutant: a hand-written spectral norm that keeps its power-iteration vector u as a plain tensor
attribute (not a buffer): it stays behind on .to(device)."""
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

CAUGHT_BY = {"follows_device"}


class _SpectralNorm(nn.Module):
    def __init__(self, weight):
        super().__init__()
        u = torch.randn(weight.shape[0])
        self.u = u / u.norm()

    def forward(self, weight):
        with torch.no_grad():
            if self.training:
                for _ in range(3):
                    v = weight.t() @ self.u
                    v = v / v.norm()
                    self.u = weight @ v
                    self.u = self.u / self.u.norm()
            v = weight.t() @ self.u
            v = v / v.norm()
        return weight / (self.u @ weight @ v)


def spectral_norm_discriminator(D):
    for module in list(D.modules()):
        if isinstance(module, nn.Linear):
            parametrize.register_parametrization(module, "weight", _SpectralNorm(module.weight))
    return D
