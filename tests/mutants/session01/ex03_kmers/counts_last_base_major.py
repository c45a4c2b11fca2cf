"""Mutant: the k-mer's LAST base taken as the most significant base-4 digit (AC at index 4,
CA at index 1): not the order of itertools.product("ACGT", repeat=k)."""
import torch

from reference.session01.ex03_kmers import (encode_kmer_batch, extract_kmers, reverse_complement,  # noqa: F401
                                            reverse_complement_one_hot, sliding_window_kmers)

CAUGHT_BY = {"kmer_counts"}


def count_kmers(sequence, k=6):
    counts = torch.zeros(4 ** k, dtype=torch.int64)
    for kmer in extract_kmers(sequence.upper(), k):
        if set(kmer) <= set("ACGT"):
            counts[sum("ACGT".index(b) * 4 ** i for i, b in enumerate(kmer))] += 1
    return counts
