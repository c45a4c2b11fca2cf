"""Mutant: conv_output_length's padding default is 1 where the spec states 0."""
from reference.session04.ex01_simple_cnn import SimpleCNN, one_hot_encode  # noqa: F401
from reference.session04.ex01_simple_cnn import conv_output_length as _conv_output_length

CAUGHT_BY = {"conv_output_length"}


def conv_output_length(length, kernel_size, stride=1, padding=1, dilation=1):
    return _conv_output_length(length, kernel_size, stride, padding, dilation)
