"""Mutant: length=None takes the first sequence's length instead of the longest one's."""
import torch

from reference.session01.ex01_dna_encoding import decode_one_hot, one_hot_encode, one_hot_encode_vectorized  # noqa: F401

CAUGHT_BY = {"batch"}


def one_hot_encode_batch(sequences, length=None):
    length = len(sequences[0]) if length is None else length
    batch = torch.zeros(len(sequences), 4, length)
    for i, sequence in enumerate(sequences):
        kept = sequence[:length]
        batch[i, :, :len(kept)] = one_hot_encode_vectorized(kept)
    return batch
