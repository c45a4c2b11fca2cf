"""Mutant: Swish written as x * sigmoid(2x)."""
import torch
from torch import nn

from reference.session03.ex03_activations import MLPWithActivation, Mish, gelu  # noqa: F401

CAUGHT_BY = {"swish"}


class Swish(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(2 * x)
