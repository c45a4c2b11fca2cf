"""Mutant: the sequence read backwards but not complemented (still an involution)."""
from reference.session01.ex03_kmers import (count_kmers, encode_kmer_batch, extract_kmers,  # noqa: F401
                                                 reverse_complement_one_hot, sliding_window_kmers)

CAUGHT_BY = {"reverse_complement"}


def reverse_complement(sequence):
    return sequence[::-1]
