"""Mutant: the chosen scheme applied to fc1 only."""
from torch import nn

from reference.session03.ex06_weight_init import InitializedMLP as _Reference

CAUGHT_BY = {"xavier", "kaiming"}


class InitializedMLP(_Reference):
    def __init__(self, init_method="default"):
        super().__init__("default")
        if init_method == "zeros":
            nn.init.zeros_(self.fc1.weight)
            nn.init.zeros_(self.fc1.bias)
        elif init_method == "xavier":
            nn.init.xavier_uniform_(self.fc1.weight)
            nn.init.zeros_(self.fc1.bias)
        elif init_method == "kaiming":
            nn.init.kaiming_uniform_(self.fc1.weight, nonlinearity="relu")
            nn.init.zeros_(self.fc1.bias)
