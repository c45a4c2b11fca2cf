"""Mutant: Mish with softplus written as log(1 + exp(x)): NaN gradients once exp(x) overflows."""
import torch
from torch import nn

from reference.session03.ex03_activations import MLPWithActivation, Swish, gelu  # noqa: F401

CAUGHT_BY = {"mish"}


class Mish(nn.Module):
    def forward(self, x):
        return x * torch.tanh(torch.log(1 + torch.exp(x)))
