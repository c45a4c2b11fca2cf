"""Mutant: leaky_relu with slope 0.2 instead of PyTorch's default 0.01."""
import torch.nn.functional as F

from reference.session03.ex03_activations import *  # noqa: F401,F403
from reference.session03.ex03_activations import MLPWithActivation as _Reference

CAUGHT_BY = {"activations"}


class MLPWithActivation(_Reference):
    def __init__(self, activation="relu"):
        super().__init__(activation)
        if activation == "leaky_relu":
            self.activation = lambda x: F.leaky_relu(x, 0.2)
