"""Mutant: the default widths are [3, 5, 7, 9] instead of [6, 8, 10, 12]."""
from reference.session04.ex03_multiscale_cnn import MultiScaleCNN as _Reference

CAUGHT_BY = {"registered", "param_count", "forward"}


class MultiScaleCNN(_Reference):
    def __init__(self, kernel_sizes=[3, 5, 7, 9]):
        super().__init__(kernel_sizes)
