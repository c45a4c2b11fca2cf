"""Mutant: starts 0 to L - k - 1 (range(len(sequence) - k)): the last k-mer is lost."""
from reference.session01.ex03_kmers import (count_kmers, encode_kmer_batch, reverse_complement,  # noqa: F401
                                            reverse_complement_one_hot, sliding_window_kmers)

CAUGHT_BY = {"extract_kmers"}


def extract_kmers(sequence, k=6):
    return [sequence[i:i + k] for i in range(len(sequence) - k)]
