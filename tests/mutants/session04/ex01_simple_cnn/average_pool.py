"""Mutant: average pooling where the spec asks for max pooling."""
from torch import nn

from reference.session04.ex01_simple_cnn import *  # noqa: F401,F403
from reference.session04.ex01_simple_cnn import SimpleCNN as _Reference

CAUGHT_BY = {"architecture", "forward"}


class SimpleCNN(_Reference):
    def __init__(self, kernel_size=8):
        super().__init__(kernel_size)
        self.pool = nn.AvgPool1d(2)
