"""Mutant: each k-mer encoded with F.one_hot and stacked as [k, 4] (positions first), so the
batch is [B, k, 4] instead of channels-first [B, 4, k]."""
import torch
import torch.nn.functional as F

from reference.session01.ex03_kmers import (count_kmers, extract_kmers, reverse_complement,  # noqa: F401
                                            reverse_complement_one_hot, sliding_window_kmers)

CAUGHT_BY = {"encode_kmer_batch"}


def encode_kmer_batch(kmers):
    rows = {"A": 0, "C": 1, "G": 2, "T": 3}
    encoded = []
    for kmer in kmers:
        indices = torch.tensor([rows.get(letter.upper(), 4) for letter in kmer])
        encoded.append(F.one_hot(indices, num_classes=5)[:, :4].float())
    return torch.stack(encoded)
