"""Mutant: the length formula forgets the dilation (the kernel spans k positions always)."""
from reference.session04.ex01_simple_cnn import SimpleCNN, one_hot_encode  # noqa: F401

CAUGHT_BY = {"conv_output_length"}


def conv_output_length(length, kernel_size, stride=1, padding=0, dilation=1):
    positions = (length + 2 * padding - kernel_size) // stride + 1
    if positions < 1:
        raise ValueError("no output position")
    return positions
