"""Mutant: collections.Counter's counts of the k-mers that occur, in sorted order, instead of
one entry for every one of the 4**k possible k-mers."""
from collections import Counter

import torch

from reference.session01.ex03_kmers import (encode_kmer_batch, extract_kmers, reverse_complement,  # noqa: F401
                                            reverse_complement_one_hot, sliding_window_kmers)

CAUGHT_BY = {"kmer_counts"}


def count_kmers(sequence, k=6):
    seen = Counter(kmer for kmer in extract_kmers(sequence.upper(), k) if set(kmer) <= set("ACGT"))
    return torch.tensor([seen[kmer] for kmer in sorted(seen)], dtype=torch.int64)
