"""Mutant: no upper-casing, so every window with a soft-masked (lower-case) base is skipped."""
import torch

from reference.session01.ex03_kmers import (encode_kmer_batch, extract_kmers, reverse_complement,  # noqa: F401
                                            reverse_complement_one_hot, sliding_window_kmers)

CAUGHT_BY = {"kmer_counts"}


def count_kmers(sequence, k=6):
    digit = {"A": 0, "C": 1, "G": 2, "T": 3}
    counts = torch.zeros(4 ** k, dtype=torch.int64)
    for kmer in extract_kmers(sequence, k):
        if all(letter in digit for letter in kmer):
            index = 0
            for letter in kmer:
                index = 4 * index + digit[letter]
            counts[index] += 1
    return counts
