"""Mutant: the guide's loop, which stacks whatever it found: a sequence shorter than k gives
torch.stack([]), a RuntimeError, instead of a [0, 4, k] tensor."""
from reference.session01.ex03_kmers import (count_kmers, encode_kmer_batch, extract_kmers, reverse_complement,  # noqa: F401
                                            reverse_complement_one_hot)

CAUGHT_BY = {"sliding_windows"}


def sliding_window_kmers(sequence, k=6, stride=1):
    kmers = []
    for i in range(0, len(sequence) - k + 1, stride):
        kmers.append(sequence[i:i + k])
    return encode_kmer_batch(kmers)
