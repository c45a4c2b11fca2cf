"""Mutant: SimpleCNN's default kernel_size is 3 where the spec states 8."""
from reference.session04.ex01_simple_cnn import *  # noqa: F401,F403
from reference.session04.ex01_simple_cnn import SimpleCNN as _Reference

CAUGHT_BY = {"architecture", "param_count", "output_shape"}


class SimpleCNN(_Reference):
    def __init__(self, kernel_size=3):
        super().__init__(kernel_size)
