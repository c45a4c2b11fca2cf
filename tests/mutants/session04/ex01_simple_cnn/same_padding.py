"""Mutant: the convolutions pad by kernel_size // 2 to "keep the length"."""
from torch import nn

from reference.session04.ex01_simple_cnn import *  # noqa: F401,F403
from reference.session04.ex01_simple_cnn import SimpleCNN as _Reference

CAUGHT_BY = {"architecture", "output_shape", "forward"}


class SimpleCNN(_Reference):
    def __init__(self, kernel_size=8):
        super().__init__(kernel_size)
        self.conv1 = nn.Conv1d(4, 16, kernel_size, padding=kernel_size // 2)
        self.conv2 = nn.Conv1d(16, 32, kernel_size, padding=kernel_size // 2)
