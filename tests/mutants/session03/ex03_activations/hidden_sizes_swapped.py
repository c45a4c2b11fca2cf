"""Mutant: fc2 maps 20 -> 20 and fc3 20 -> 1 (the sizes of the spec ignored)."""
from torch import nn

from reference.session03.ex03_activations import *  # noqa: F401,F403
from reference.session03.ex03_activations import MLPWithActivation as _Reference

CAUGHT_BY = {"architecture", "param_count"}


class MLPWithActivation(_Reference):
    def __init__(self, activation="relu"):
        super().__init__(activation)
        self.fc2 = nn.Linear(20, 20)
        self.fc3 = nn.Linear(20, 1)
