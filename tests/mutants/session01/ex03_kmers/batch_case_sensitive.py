"""Mutant: k-mers looked up without upper-casing, so soft-masked bases become zero columns."""
import torch

from reference.session01.ex03_kmers import (count_kmers, extract_kmers, reverse_complement,  # noqa: F401
                                            reverse_complement_one_hot, sliding_window_kmers)

CAUGHT_BY = {"encode_kmer_batch"}


def encode_kmer_batch(kmers):
    batch = torch.zeros(len(kmers), 4, len(kmers[0]))
    for i, kmer in enumerate(kmers):
        for j, letter in enumerate(kmer):
            if letter in "ACGT":
                batch[i, "ACGT".index(letter), j] = 1.0
    return batch
