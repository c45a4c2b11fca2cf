"""Mutant: a last piece shorter than k kept as a window padded with zero columns
(ceil((L - k) / stride) + 1 windows) instead of dropped."""
import torch

from reference.session01.ex03_kmers import (count_kmers, encode_kmer_batch, extract_kmers, reverse_complement,  # noqa: F401
                                            reverse_complement_one_hot)

CAUGHT_BY = {"sliding_windows"}


def sliding_window_kmers(sequence, k=6, stride=1):
    pieces = [sequence[i:i + k].ljust(k, "N") for i in range(0, len(sequence) - k + stride, stride)]
    return encode_kmer_batch(pieces) if pieces else torch.zeros(0, 4, k)
