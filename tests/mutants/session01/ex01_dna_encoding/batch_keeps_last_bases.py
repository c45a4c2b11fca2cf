"""Mutant: long sequences truncated from the start, keeping their last bases."""
import torch

from reference.session01.ex01_dna_encoding import decode_one_hot, one_hot_encode, one_hot_encode_vectorized  # noqa: F401

CAUGHT_BY = {"batch"}


def one_hot_encode_batch(sequences, length=None):
    length = length or max(len(s) for s in sequences)
    batch = torch.zeros(len(sequences), 4, length)
    for i, sequence in enumerate(sequences):
        kept = sequence[-length:] if len(sequence) > length else sequence
        batch[i, :, :len(kept)] = one_hot_encode_vectorized(kept)
    return batch
