"""Mutant: GELU by the tanh approximation instead of the exact erf form."""
import math

import torch

from reference.session03.ex03_activations import MLPWithActivation, Mish, Swish  # noqa: F401

CAUGHT_BY = {"gelu"}


def gelu(x):
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))
