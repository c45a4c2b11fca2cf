"""Mutant: the guide's "vectorised" version, whose list comprehension still loops over every position."""
import torch
import torch.nn.functional as F

from reference.session01.ex01_dna_encoding import decode_one_hot, one_hot_encode, one_hot_encode_batch  # noqa: F401

CAUGHT_BY = {"vectorized_no_loop"}

ROWS = {"A": 0, "C": 1, "G": 2, "T": 3}


def one_hot_encode_vectorized(sequence):
    indices = torch.tensor([ROWS.get(letter, 4) for letter in sequence.upper()], dtype=torch.long)
    return F.one_hot(indices, num_classes=5)[:, :4].T.float()
