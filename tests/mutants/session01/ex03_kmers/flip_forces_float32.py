"""Mutant: the flipped tensor converted with .float(), so a float64 batch comes back float32."""
import torch

from reference.session01.ex03_kmers import (count_kmers, encode_kmer_batch, extract_kmers, reverse_complement,  # noqa: F401
                                            sliding_window_kmers)

CAUGHT_BY = {"rc_one_hot"}


def reverse_complement_one_hot(one_hot):
    return torch.flip(one_hot, dims=(-2, -1)).float()
