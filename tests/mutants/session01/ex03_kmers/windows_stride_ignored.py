"""Mutant: stride accepted but every start taken (always stride 1)."""
import torch

from reference.session01.ex03_kmers import (count_kmers, encode_kmer_batch, extract_kmers, reverse_complement,  # noqa: F401
                                            reverse_complement_one_hot)

CAUGHT_BY = {"sliding_windows"}


def sliding_window_kmers(sequence, k=6, stride=1):
    pieces = extract_kmers(sequence, k)
    return encode_kmer_batch(pieces) if pieces else torch.zeros(0, 4, k)
