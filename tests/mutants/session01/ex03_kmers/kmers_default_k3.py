"""Mutant: extract_kmers defaults to k=3 (codons) instead of the stated k=6."""
from reference.session01.ex03_kmers import (count_kmers, encode_kmer_batch, reverse_complement,  # noqa: F401
                                            reverse_complement_one_hot, sliding_window_kmers)

CAUGHT_BY = {"extract_kmers"}


def extract_kmers(sequence, k=3):
    return [sequence[i:i + k] for i in range(len(sequence) - k + 1)]
