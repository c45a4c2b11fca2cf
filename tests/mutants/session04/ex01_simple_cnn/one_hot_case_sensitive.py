"""Mutant: one_hot_encode looks letters up as given, so soft-masked (lower-case) bases
become all-zero columns."""
import torch

from reference.session04.ex01_simple_cnn import SimpleCNN, conv_output_length  # noqa: F401

CAUGHT_BY = {"one_hot_encode"}


def one_hot_encode(seq):
    encoded = torch.zeros(1, 4, len(seq))
    for i, base in enumerate(seq):
        if base in "ACGT":
            encoded[0, "ACGT".index(base), i] = 1.0
    return encoded
