"""Mutant: the sequence upper-cased before complementing, so soft-masking is lost."""
from reference.session01.ex03_kmers import (count_kmers, encode_kmer_batch, extract_kmers,  # noqa: F401
                                                 reverse_complement_one_hot, sliding_window_kmers)

CAUGHT_BY = {"reverse_complement"}


def reverse_complement(sequence):
    pairs = {"A": "T", "C": "G", "G": "C", "T": "A", "N": "N"}
    return "".join(pairs[letter] for letter in reversed(sequence.upper()))
