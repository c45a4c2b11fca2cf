"""Mutant: xavier and kaiming re-draw the weights but leave the default biases."""
from torch import nn

from reference.session03.ex06_weight_init import InitializedMLP as _Reference

CAUGHT_BY = {"xavier", "kaiming"}


class InitializedMLP(_Reference):
    def __init__(self, init_method="default"):
        super().__init__("default")
        for layer in (self.fc1, self.fc2, self.fc3):
            if init_method == "zeros":
                nn.init.zeros_(layer.weight)
                nn.init.zeros_(layer.bias)
            elif init_method == "xavier":
                nn.init.xavier_uniform_(layer.weight)
            elif init_method == "kaiming":
                nn.init.kaiming_uniform_(layer.weight, nonlinearity="relu")
