"""Mutant: every letter complemented, case kept, but the result not reversed (still an
involution, and right on palindromic sites such as GAATTC)."""
from reference.session01.ex03_kmers import (count_kmers, encode_kmer_batch, extract_kmers,  # noqa: F401
                                                 reverse_complement_one_hot, sliding_window_kmers)

CAUGHT_BY = {"reverse_complement"}


def reverse_complement(sequence):
    return sequence.translate(str.maketrans("ACGTNacgtn", "TGCANtgcan"))
