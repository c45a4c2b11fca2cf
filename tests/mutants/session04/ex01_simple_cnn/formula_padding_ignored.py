"""Mutant: the length formula ignores the padding."""
from reference.session04.ex01_simple_cnn import SimpleCNN, one_hot_encode  # noqa: F401

CAUGHT_BY = {"conv_output_length"}


def conv_output_length(length, kernel_size, stride=1, padding=0, dilation=1):
    positions = (length - dilation * (kernel_size - 1) - 1) // stride + 1
    if positions < 1:
        raise ValueError("no output position")
    return positions
