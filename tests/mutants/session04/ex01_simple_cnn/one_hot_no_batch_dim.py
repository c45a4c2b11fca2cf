"""Mutant: one_hot_encode returns [4, L], forgetting the batch dimension of one."""
from reference.session04.ex01_simple_cnn import SimpleCNN, conv_output_length  # noqa: F401
from reference.session04.ex01_simple_cnn import one_hot_encode as _one_hot_encode

CAUGHT_BY = {"one_hot_encode"}


def one_hot_encode(seq):
    return _one_hot_encode(seq)[0]
