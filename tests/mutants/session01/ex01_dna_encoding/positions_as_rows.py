"""Mutant: one row per position ([L, 4]), the transpose of the channels-first layout."""
import torch

from reference.session01.ex01_dna_encoding import decode_one_hot, one_hot_encode_batch, one_hot_encode_vectorized  # noqa: F401

CAUGHT_BY = {"shape_and_dtype", "encodes", "custom_mapping"}


def one_hot_encode(sequence, nucleotide_to_int=None):
    rows = nucleotide_to_int or {"A": 0, "C": 1, "G": 2, "T": 3}
    one_hot = torch.zeros(len(sequence), 4)
    for i, letter in enumerate(sequence.upper()):
        if letter in rows:
            one_hot[i, rows[letter]] = 1.0
    return one_hot
