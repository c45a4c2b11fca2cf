"""Mutant: conv_output_length's stride default is 2 (MaxPool1d's habit) where the spec states 1."""
from reference.session04.ex01_simple_cnn import SimpleCNN, one_hot_encode  # noqa: F401
from reference.session04.ex01_simple_cnn import conv_output_length as _conv_output_length

CAUGHT_BY = {"conv_output_length"}


def conv_output_length(length, kernel_size, stride=2, padding=0, dilation=1):
    return _conv_output_length(length, kernel_size, stride, padding, dilation)
