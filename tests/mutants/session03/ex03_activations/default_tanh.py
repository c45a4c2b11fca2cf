"""Mutant: MLPWithActivation's default activation is 'tanh' instead of 'relu'."""
from reference.session03.ex03_activations import Mish, Swish, gelu  # noqa: F401
from reference.session03.ex03_activations import MLPWithActivation as _Reference

CAUGHT_BY = {"activations"}


class MLPWithActivation(_Reference):
    def __init__(self, activation="tanh"):
        super().__init__(activation)
