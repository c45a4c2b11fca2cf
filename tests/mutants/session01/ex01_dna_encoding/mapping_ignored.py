"""Mutant: the nucleotide_to_int argument is accepted but the default rows are always used."""
import torch

from reference.session01.ex01_dna_encoding import decode_one_hot, one_hot_encode_batch, one_hot_encode_vectorized  # noqa: F401

CAUGHT_BY = {"custom_mapping"}


def one_hot_encode(sequence, nucleotide_to_int=None):
    rows = {"A": 0, "C": 1, "G": 2, "T": 3}
    one_hot = torch.zeros(4, len(sequence))
    for i, letter in enumerate(sequence.upper()):
        if letter in rows:
            one_hot[rows[letter], i] = 1.0
    return one_hot
