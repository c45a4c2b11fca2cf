"""Mutant: fc2 maps 100 -> 100 and fc3 100 -> 1."""
from torch import nn

from reference.session03.ex05_dropout import DropoutMLP as _Reference

CAUGHT_BY = {"architecture", "param_count"}


class DropoutMLP(_Reference):
    def __init__(self, dropout_rate=0.0):
        super().__init__(dropout_rate)
        self.fc2, self.fc3 = nn.Linear(100, 100), nn.Linear(100, 1)
