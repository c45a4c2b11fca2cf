"""Mutant: one_hot_encode puts positions in rows and bases in columns: [1, L, 4]."""
import torch

from reference.session04.ex01_simple_cnn import SimpleCNN, conv_output_length  # noqa: F401

CAUGHT_BY = {"one_hot_encode"}


def one_hot_encode(seq):
    rows = {"A": 0, "C": 1, "G": 2, "T": 3}
    encoded = torch.zeros(1, len(seq), 4)
    for i, base in enumerate(seq.upper()):
        if base in rows:
            encoded[0, i, rows[base]] = 1.0
    return encoded
