"""Mutant: the guide's loop, which indexes the mapping directly: N, gaps and lower case raise KeyError."""
import torch

from reference.session01.ex01_dna_encoding import decode_one_hot, one_hot_encode_batch, one_hot_encode_vectorized  # noqa: F401

CAUGHT_BY = {"encodes", "round_trip"}


def one_hot_encode(sequence, nucleotide_to_int=None):
    if nucleotide_to_int is None:
        nucleotide_to_int = {"A": 0, "C": 1, "G": 2, "T": 3}
    one_hot = torch.zeros(4, len(sequence))
    for i, nucleotide in enumerate(sequence):
        one_hot[nucleotide_to_int[nucleotide], i] = 1
    return one_hot
