"""Mutant: 'default' zeroes the biases ("to be safe")."""
from torch import nn

from reference.session03.ex06_weight_init import InitializedMLP as _Reference

CAUGHT_BY = {"default"}


class InitializedMLP(_Reference):
    def __init__(self, init_method="default"):
        super().__init__(init_method)
        if init_method == "default":
            for layer in (self.fc1, self.fc2, self.fc3):
                nn.init.zeros_(layer.bias)
