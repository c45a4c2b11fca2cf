"""Mutant: max-pool windows of 2 that slide by 1, so the length is not halved."""
from torch import nn

from reference.session04.ex01_simple_cnn import *  # noqa: F401,F403
from reference.session04.ex01_simple_cnn import SimpleCNN as _Reference

CAUGHT_BY = {"architecture", "output_shape", "forward"}


class SimpleCNN(_Reference):
    def __init__(self, kernel_size=8):
        super().__init__(kernel_size)
        self.pool = nn.MaxPool1d(2, stride=1)
