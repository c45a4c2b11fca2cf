"""Mutant: dropout_rate ignored, always 0.5."""
from reference.session03.ex05_dropout import DropoutMLP as _Reference

CAUGHT_BY = {"rate_zero"}


class DropoutMLP(_Reference):
    def __init__(self, dropout_rate=0.0):
        super().__init__(0.5)
