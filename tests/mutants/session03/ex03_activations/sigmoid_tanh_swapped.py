"""Mutant: 'sigmoid' and 'tanh' mapped to each other's function."""
import torch

from reference.session03.ex03_activations import *  # noqa: F401,F403
from reference.session03.ex03_activations import MLPWithActivation as _Reference

CAUGHT_BY = {"activations"}


class MLPWithActivation(_Reference):
    def __init__(self, activation="relu"):
        super().__init__(activation)
        swap = {"sigmoid": torch.tanh, "tanh": torch.sigmoid}
        self.activation = swap.get(activation, self.activation)
