"""Mutant: int(a / s) rounds a negative quotient towards zero, so an input a little too
short for a strided layer gets 1 output position instead of none."""
from reference.session04.ex01_simple_cnn import SimpleCNN, one_hot_encode  # noqa: F401

CAUGHT_BY = {"conv_output_length"}


def conv_output_length(length, kernel_size, stride=1, padding=0, dilation=1):
    positions = int((length + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1
    if positions < 1:
        raise ValueError("no output position")
    return positions
