"""Mutant: returns 0 (or less) for an input too short for the layer instead of raising."""
import math

from reference.session04.ex01_simple_cnn import SimpleCNN, one_hot_encode  # noqa: F401

CAUGHT_BY = {"conv_output_length"}


def conv_output_length(length, kernel_size, stride=1, padding=0, dilation=1):
    return max(0, math.floor((length + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1)
