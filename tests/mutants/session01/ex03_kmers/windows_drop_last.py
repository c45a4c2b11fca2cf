"""Mutant: window starts range(0, L - k, stride): the window that ends at the last base is
lost (and a sequence of exactly k bases gets no window)."""
import torch

from reference.session01.ex03_kmers import (count_kmers, encode_kmer_batch, extract_kmers, reverse_complement,  # noqa: F401
                                            reverse_complement_one_hot)

CAUGHT_BY = {"sliding_windows"}


def sliding_window_kmers(sequence, k=6, stride=1):
    pieces = [sequence[i:i + k] for i in range(0, len(sequence) - k, stride)]
    return encode_kmer_batch(pieces) if pieces else torch.zeros(0, 4, k)
