"""Mutant: a letter other than A, C, G, T looked up with dict.get(letter, 0), so a window
with N is counted as if the N were an A instead of being skipped."""
import torch

from reference.session01.ex03_kmers import (encode_kmer_batch, extract_kmers, reverse_complement,  # noqa: F401
                                            reverse_complement_one_hot, sliding_window_kmers)

CAUGHT_BY = {"kmer_counts"}


def count_kmers(sequence, k=6):
    digit = {"A": 0, "C": 1, "G": 2, "T": 3}
    counts = torch.zeros(4 ** k, dtype=torch.int64)
    for kmer in extract_kmers(sequence.upper(), k):
        index = 0
        for letter in kmer:
            index = 4 * index + digit.get(letter, 0)
        counts[index] += 1
    return counts
