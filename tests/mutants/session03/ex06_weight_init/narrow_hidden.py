"""Mutant: fc2 maps 50 -> 20 and fc3 20 -> 1."""
from torch import nn

from reference.session03.ex06_weight_init import InitializedMLP as _Reference

CAUGHT_BY = {"architecture", "param_count"}


class InitializedMLP(_Reference):
    def __init__(self, init_method="default"):
        super().__init__(init_method)
        self.fc2, self.fc3 = nn.Linear(50, 20), nn.Linear(20, 1)
