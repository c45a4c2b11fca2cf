"""Mutant: the guide's complement table, which knows only upper-case A, C, G, T: N and
soft-masked (lower-case) letters raise KeyError."""
from reference.session01.ex03_kmers import (count_kmers, encode_kmer_batch, extract_kmers,  # noqa: F401
                                                 reverse_complement_one_hot, sliding_window_kmers)

CAUGHT_BY = {"reverse_complement"}


def reverse_complement(sequence):
    complement_map = {"A": "T", "T": "A", "C": "G", "G": "C"}
    return "".join(complement_map[n] for n in sequence)[::-1]
