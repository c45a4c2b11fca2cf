"""Mutant: Mish with exp(x) where softplus(x) belongs."""
import torch
from torch import nn

from reference.session03.ex03_activations import MLPWithActivation, Swish, gelu  # noqa: F401

CAUGHT_BY = {"mish"}


class Mish(nn.Module):
    def forward(self, x):
        return x * torch.tanh(torch.exp(x))
