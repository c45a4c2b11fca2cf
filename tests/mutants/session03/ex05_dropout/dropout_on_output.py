"""Mutant: a third dropout on the output."""
from reference.session03.ex05_dropout import DropoutMLP as _Reference

CAUGHT_BY = {"inverted_scaling"}


class DropoutMLP(_Reference):
    def forward(self, x):
        return self.dropout2(super().forward(x))
