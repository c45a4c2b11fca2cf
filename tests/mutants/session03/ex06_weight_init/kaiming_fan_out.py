"""Mutant: kaiming_uniform_ with mode='fan_out'."""
from torch import nn

from reference.session03.ex06_weight_init import InitializedMLP as _Reference

CAUGHT_BY = {"kaiming"}


class InitializedMLP(_Reference):
    def __init__(self, init_method="default"):
        super().__init__(init_method)
        if init_method == "kaiming":
            for layer in (self.fc1, self.fc2, self.fc3):
                nn.init.kaiming_uniform_(layer.weight, mode="fan_out", nonlinearity="relu")
