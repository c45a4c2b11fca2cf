"""Mutant: torch.frombuffer, which refuses the empty string (ValueError)."""
import torch
import torch.nn.functional as F

from reference.session01.ex01_dna_encoding import _byte_rows, decode_one_hot, one_hot_encode, one_hot_encode_batch  # noqa: F401

CAUGHT_BY = {"vectorized_equal"}


def one_hot_encode_vectorized(sequence):
    codes = torch.frombuffer(bytearray(sequence.encode("ascii")), dtype=torch.uint8).long()
    rows = torch.from_numpy(_byte_rows())[codes]
    return F.one_hot(rows, num_classes=5)[:, :4].T.float()
