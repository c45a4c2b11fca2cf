"""Mutant: DropoutMLP's default dropout_rate is 0.5 instead of 0.0."""
from reference.session03.ex05_dropout import DropoutMLP as _Reference

CAUGHT_BY = {"rate_zero"}


class DropoutMLP(_Reference):
    def __init__(self, dropout_rate=0.5):
        super().__init__(dropout_rate)
