"""Mutant: 'zeros' zeroes the weights but keeps the default biases."""
from torch import nn

from reference.session03.ex06_weight_init import InitializedMLP as _Reference

CAUGHT_BY = {"zeros"}


class InitializedMLP(_Reference):
    def __init__(self, init_method="default"):
        super().__init__("default" if init_method == "zeros" else init_method)
        if init_method == "zeros":
            for layer in (self.fc1, self.fc2, self.fc3):
                nn.init.zeros_(layer.weight)
