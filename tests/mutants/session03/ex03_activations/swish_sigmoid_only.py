"""Mutant: Swish returns sigmoid(x) and forgets to multiply by x."""
import torch
from torch import nn

from reference.session03.ex03_activations import MLPWithActivation, Mish, gelu  # noqa: F401

CAUGHT_BY = {"swish"}


class Swish(nn.Module):
    def forward(self, x):
        return torch.sigmoid(x)
