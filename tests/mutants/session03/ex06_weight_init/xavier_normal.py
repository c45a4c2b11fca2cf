"""Mutant: xavier_normal_ (same std, but not bounded) instead of xavier_uniform_."""
from torch import nn

from reference.session03.ex06_weight_init import InitializedMLP as _Reference

CAUGHT_BY = {"xavier"}


class InitializedMLP(_Reference):
    def __init__(self, init_method="default"):
        super().__init__(init_method)
        if init_method == "xavier":
            for layer in (self.fc1, self.fc2, self.fc3):
                nn.init.xavier_normal_(layer.weight)
