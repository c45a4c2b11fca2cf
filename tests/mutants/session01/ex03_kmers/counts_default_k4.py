"""Mutant: count_kmers defaults to k=4 (256 entries) instead of the stated k=6 (4096)."""
import itertools

import torch

from reference.session01.ex03_kmers import (encode_kmer_batch, extract_kmers, reverse_complement,  # noqa: F401
                                            reverse_complement_one_hot, sliding_window_kmers)

CAUGHT_BY = {"kmer_counts"}


def count_kmers(sequence, k=4):
    index = {"".join(p): i for i, p in enumerate(itertools.product("ACGT", repeat=k))}
    counts = torch.zeros(4 ** k, dtype=torch.int64)
    for kmer in extract_kmers(sequence.upper(), k):
        if kmer in index:
            counts[index[kmer]] += 1
    return counts
