"""Mutant: GELU by the sigmoid approximation x * sigmoid(1.702 x)."""
import torch

from reference.session03.ex03_activations import MLPWithActivation, Mish, Swish  # noqa: F401

CAUGHT_BY = {"gelu"}


def gelu(x):
    return x * torch.sigmoid(1.702 * x)
